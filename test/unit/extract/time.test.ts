import { describe, expect, it } from 'vitest';
import type { EventTime } from '../../../src/domain/claim.ts';
import type { ExtractContext } from '../../../src/extract/context.ts';
import { prepareText } from '../../../src/extract/prepare.ts';
import { extractEventTime } from '../../../src/extract/time.ts';

function time(text: string, postedAt: string, zoneHint: string | null = null, source?: ExtractContext['source']): EventTime | null {
  return extractEventTime(prepareText(text), { postedAt, zoneHint, source });
}

/** The fields the claim format fixes, without span/confidence. */
function core(t: EventTime | null) {
  if (!t) return null;
  const { local, tz, utc, precision, approximate } = t;
  return { local, tz, utc, precision, approximate };
}

function expectMentionFromText(text: string, t: EventTime | null): void {
  expect(t).not.toBeNull();
  for (const piece of t!.mention.split(' ... ')) expect(text).toContain(piece);
  expect(text.slice(t!.span!.start, t!.span!.end).length).toBeGreaterThan(0);
}

describe('absolute dates', () => {
  it('reads a full date with a clock time and a named zone', () => {
    const text = 'Three mortar rounds hit Camp Taji on April 14, 2022 at approx 6:45 a.m. (Iraqi time).';
    const t = time(text, '2022-04-14T09:00Z', 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2022-04-14T06:45', tz: 'Asia/Baghdad', utc: '2022-04-14T03:45Z', precision: 'minute', approximate: true });
    expect(t!.mention).toBe('on April 14, 2022 at approx 6:45 a.m. (Iraqi time)');
    expectMentionFromText(text, t);
  });

  it('takes the year from the post for "Feb 9", "Jan. 12" and "7 August"', () => {
    expect(time('A drone was downed over Kirkuk on Feb 9.', '2023-02-11', 'Asia/Baghdad')?.local).toBe('2023-02-09');
    expect(time('The checkpoint was attacked Jan. 12 near Samarra.', '2023-01-20', 'Asia/Baghdad')?.local).toBe('2023-01-12');
    const t = time('Shelling hit Kherson on 7 August, officials said.', '2023-08-09', 'Europe/Kyiv');
    expect(core(t)).toEqual({ local: '2023-08-07', tz: 'Europe/Kyiv', utc: null, precision: 'day', approximate: false });
  });

  it('rolls the year back when the date would be after the post', () => {
    expect(time('Rockets fell near the embassy on December 30.', '2024-01-03', 'Asia/Baghdad')?.local).toBe('2023-12-30');
    // One day ahead is tolerated: the post may be stamped in UTC while the place is already on the next day.
    expect(time('Rockets fell near the embassy on January 4.', '2024-01-03T22:30Z', 'Asia/Baghdad')?.local).toBe('2024-01-04');
  });

  it('gives month precision to "October 2021" and "in March"', () => {
    expect(core(time('In October 2021, the airport was struck by two drones.', '2022-05-01', 'Asia/Baghdad'))).toEqual({
      local: '2021-10', tz: 'Asia/Baghdad', utc: null, precision: 'month', approximate: false,
    });
    expect(time('The depot was shelled in March.', '2022-02-01', 'Europe/Kyiv')?.local).toBe('2021-03');
  });

  it('never reads a calendar day that does not exist', () => {
    expect(time('Rockets hit the base on February 30.', '2024-03-01', 'Asia/Baghdad')).toBeNull();
  });
});

describe('clock times', () => {
  it('reads "8.15 pm" and "10pm"', () => {
    expect(time('Gunmen opened fire at 8.15 pm on 2 June.', '2022-06-03', 'Asia/Jerusalem')?.local).toBe('2022-06-02T20:15');
    const t = time('A car bomb exploded at 10pm on 2 June in Hebron.', '2022-06-03', 'Asia/Hebron');
    expect(core(t)).toEqual({ local: '2022-06-02T22:00', tz: 'Asia/Hebron', utc: '2022-06-02T19:00Z', precision: 'hour', approximate: false });
  });

  it('reads military times with "hours" and after "at"', () => {
    const t = time('Feb 3 at 1945 hours (Iraqi time) two rockets struck the airfield.', '2022-02-04', 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2022-02-03T19:45', tz: 'Asia/Baghdad', utc: '2022-02-03T16:45Z', precision: 'minute', approximate: false });
    expect(time('This morning at 0310 the outpost was hit by a drone.', '2022-02-04', 'Asia/Baghdad')?.local).toBe('2022-02-04T03:10');
  });

  it('does not take years, hull numbers or calibres for military times', () => {
    expect(time('USS Carney (DDG 64) and HMS Richmond (F239) downed 12 drones.', '2024-01-20', null)).toBeNull();
    expect(time('In 2019, the base was hit by 122 mm rockets at 2030 positions.', '2024-01-20', 'Asia/Baghdad')).toBeNull();
    expect(time('The missile flew 1200 km before it was shot down.', '2024-01-20', 'Asia/Aden')).toBeNull();
  });

  it('gives hour precision and approximate to "just before 9 am" and "just after 6 p.m."', () => {
    const a = time('Sirens sounded just before 9 am on Sunday morning in Kiryat Shmona.', '2023-04-10', 'Asia/Jerusalem');
    expect(core(a)).toEqual({ local: '2023-04-09T09:00', tz: 'Asia/Jerusalem', utc: '2023-04-09T06:00Z', precision: 'hour', approximate: true });
    const b = time('Police received a call just after 6 p.m. local time on 4 May.', '2023-05-05', 'Asia/Jerusalem');
    expect(core(b)).toEqual({ local: '2023-05-04T18:00', tz: 'Asia/Jerusalem', utc: '2023-05-04T15:00Z', precision: 'hour', approximate: true });
  });

  it('marks "at about", "approx", "approximately" and "around" as approximate', () => {
    for (const q of ['at about', 'at approx', 'at approximately', 'around']) {
      const t = time(`The blast was heard ${q} 4:10 p.m. on 9 May in Mosul.`, '2023-05-10', 'Asia/Baghdad');
      expect(t?.approximate, q).toBe(true);
      expect(t?.local, q).toBe('2023-05-09T16:10');
    }
    expect(time('The blast was heard at 4:10 p.m. on 9 May in Mosul.', '2023-05-10', 'Asia/Baghdad')?.approximate).toBe(false);
  });

  it('reads "5 in the morning" and "noon"', () => {
    expect(time('The shelling began at 5 in the morning on 2 March.', '2023-03-03', 'Europe/Kyiv')?.local).toBe('2023-03-02T05:00');
    expect(time('Gunmen attacked the checkpoint at noon on 2 March.', '2023-03-03', 'Asia/Baghdad')?.local).toBe('2023-03-02T12:00');
  });
});

describe('zones', () => {
  it('maps named zones to IANA zones', () => {
    const cases: [string, string][] = [
      ['(Iraq time)', 'Asia/Baghdad'],
      ['Baghdad time', 'Asia/Baghdad'],
      ['(Sanaa time)', 'Asia/Aden'],
      ['Kyiv time', 'Europe/Kyiv'],
      ['Israel time', 'Asia/Jerusalem'],
    ];
    for (const [zone, iana] of cases) {
      const t = time(`The launch was detected at 9:05 p.m. ${zone} on June 1, 2023.`, '2023-06-02', null);
      expect(t?.tz, zone).toBe(iana);
      expect(t?.local, zone).toBe('2023-06-01T21:05');
    }
  });

  it('reads "local time" in the zone of the event place', () => {
    const t = time('The depot was hit at 11:50 p.m. local time on 6 June.', '2023-06-07', 'Asia/Damascus');
    expect(core(t)).toEqual({ local: '2023-06-06T23:50', tz: 'Asia/Damascus', utc: '2023-06-06T20:50Z', precision: 'minute', approximate: false });
  });

  it('reads ET/EST/EDT as US Eastern with the right offset on both sides of the March change', () => {
    // 2023-03-12: clocks in New York go from 02:00 EST to 03:00 EDT.
    expect(time('The launch came at 1:30 a.m. ET on March 12, 2023.', '2023-03-13', null)?.utc).toBe('2023-03-12T06:30Z');
    expect(time('The launch came at 3:30 p.m. ET on March 12, 2023.', '2023-03-13', null)?.utc).toBe('2023-03-12T19:30Z');
    expect(time('The launch came at 9 p.m. EDT on March 12, 2023.', '2023-03-13', null)?.utc).toBe('2023-03-13T01:00Z');
    expect(time('The launch came at 4:15 p.m. (EST) on January 20, 2023.', '2023-01-21', null)?.tz).toBe('America/New_York');
  });

  it('uses a GMT gloss to fix the instant and the zone of an unzoned clock time', () => {
    const t = time('The first missile struck at 6:29 am (0329 GMT) on October 9.', '2023-10-09', 'Asia/Jerusalem');
    expect(core(t)).toEqual({ local: '2023-10-09T06:29', tz: 'Asia/Jerusalem', utc: '2023-10-09T03:29Z', precision: 'minute', approximate: false });
    const us = time('"At about 6:10 pm (2310 GMT) on Feb. 2, forces struck 85 targets," the Secretary of Defense said.', '2024-02-03', 'Asia/Damascus');
    expect(us?.tz).toBe('America/New_York');
    expect(us?.utc).toBe('2024-02-02T23:10Z');
    // Without a candidate zone the offset itself is the zone.
    expect(time('It struck at 6:29 am (0329 GMT) on October 9.', '2023-10-09', null)?.tz).toBe('Etc/GMT-3');
  });

  it('reads AST in an Iraq report as Arabia Standard Time', () => {
    const t = time('Rockets struck the airport at about 8:10 a.m. EST (4:10 p.m. AST) on Monday, March 7, 2022.', '2022-03-07', 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2022-03-07T16:10', tz: 'Asia/Baghdad', utc: '2022-03-07T13:10Z', precision: 'minute', approximate: true });
  });

  it('keeps the primary time when the same moment is given in two zones, across the date line', () => {
    const text = 'The drone hit the hangar at 2:15 a.m. local time Thursday (7:15 p.m. Wednesday ET).';
    const t = time(text, '2022-09-08', 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2022-09-08T02:15', tz: 'Asia/Baghdad', utc: '2022-09-07T23:15Z', precision: 'minute', approximate: false });
    expectMentionFromText(text, t);
  });

  it('gives an unzoned clock time the event zone, and converts to the previous UTC day', () => {
    const t = time('Initial report: at 0140 a drone struck the base near Erbil.', '2022-09-08T06:00Z', 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2022-09-08T01:40', tz: 'Asia/Baghdad', utc: '2022-09-07T22:40Z', precision: 'minute', approximate: false });
  });

  it('leaves the zone open for an unzoned clock time in a US statement about an attack abroad', () => {
    const t = time('At approximately 4:45 pm on Feb. 2, militants launched rockets at the base.', '2024-02-03', 'Asia/Baghdad', {
      kind: 'official_release',
      name: 'Department of Defense',
    });
    expect(core(t)).toEqual({ local: '2024-02-02T16:45', tz: null, utc: null, precision: 'minute', approximate: true });
  });

  it('reads a time given in GMT on the wall clock of the event place', () => {
    const t = time('The attack took place at 1330 GMT on 4 March.', '2024-03-05', 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2024-03-04T16:30', tz: 'Asia/Baghdad', utc: '2024-03-04T13:30Z', precision: 'minute', approximate: false });
  });
});

describe('relative expressions', () => {
  const post = '2023-06-14T15:00Z'; // a Wednesday; 18:00 in Baghdad, 11:00 in New York

  it('resolves today, tonight, this morning, this evening and yesterday against the post', () => {
    expect(core(time('Two rockets hit the base today.', post, 'Asia/Baghdad'))).toMatchObject({ local: '2023-06-14', precision: 'day', approximate: false });
    expect(core(time('Indirect fire landed on the base tonight.', post, 'Asia/Baghdad'))).toMatchObject({ local: '2023-06-14', precision: 'part_of_day', approximate: true });
    expect(time('A drone was shot down this morning.', post, 'Asia/Baghdad')?.precision).toBe('part_of_day');
    expect(time('A drone was shot down this evening.', post, 'Asia/Baghdad')?.local).toBe('2023-06-14');
    expect(core(time('A convoy was hit by a bomb yesterday.', post, 'Asia/Baghdad'))).toMatchObject({ local: '2023-06-13', precision: 'day' });
  });

  it('dates overnight and last night by the morning after', () => {
    expect(core(time('Russia launched 22 drones overnight.', '2023-06-14T06:00Z', 'Europe/Kyiv'))).toMatchObject({ local: '2023-06-14', precision: 'part_of_day', approximate: true });
    expect(time('Air defence downed 9 missiles last night.', '2023-06-14T06:00Z', 'Europe/Kyiv')?.local).toBe('2023-06-14');
  });

  it('resolves weekday names to the latest such day on or before the post', () => {
    expect(time('Rockets hit the base on Monday.', post, 'Asia/Baghdad')?.local).toBe('2023-06-12');
    expect(time('Rockets hit the base on Wednesday.', post, 'Asia/Baghdad')?.local).toBe('2023-06-14');
    expect(time('Rockets hit the base on Thursday.', post, 'Asia/Baghdad')?.local).toBe('2023-06-08');
    expect(time('Rockets hit the base last Wednesday.', post, 'Asia/Baghdad')?.local).toBe('2023-06-07');
  });

  it('gives part-of-day precision to "early Tuesday" and "Tuesday evening"', () => {
    expect(core(time('Hezbollah fired 12 rockets early Tuesday.', post, 'Asia/Jerusalem'))).toEqual({
      local: '2023-06-13', tz: 'Asia/Jerusalem', utc: null, precision: 'part_of_day', approximate: true,
    });
    expect(time('A gunman opened fire on Tuesday evening in Beersheba.', post, 'Asia/Jerusalem')?.precision).toBe('part_of_day');
  });

  it('reads the post date in the event zone', () => {
    // 22:30 UTC on the 14th is already the 15th in Baghdad.
    expect(time('Two rockets hit the base today.', '2023-06-14T22:30Z', 'Asia/Baghdad')?.local).toBe('2023-06-15');
  });

  it('dates "the night of D" and "the night between D-1 and D" by D', () => {
    expect(core(time('On the night of June 11, 2023, the enemy launched 30 drones.', post, 'Europe/Kyiv'))).toMatchObject({ local: '2023-06-11', precision: 'part_of_day', approximate: true });
    expect(time('Drones struck Odesa on the night of 10–11 June.', post, 'Europe/Kyiv')?.local).toBe('2023-06-11');
    expect(time('The strike was carried out at night between 9 and 10 June.', post, 'Asia/Damascus')?.local).toBe('2023-06-10');
    expect(time('Drones hit Lviv overnight Sunday into Monday.', post, 'Europe/Kyiv')?.local).toBe('2023-06-12');
  });

  it('reads "this evening" and "last night" of a US statement in New York', () => {
    const source = { kind: 'official_release', name: 'Pentagon Press Secretary' };
    // 01:10 UTC on the 15th is still the evening of the 14th in Washington.
    const t = time('U.S. forces earlier this evening conducted strikes in eastern Syria.', '2023-06-15T01:10Z', 'Asia/Damascus', source);
    expect(core(t)).toEqual({ local: '2023-06-14', tz: 'America/New_York', utc: null, precision: 'part_of_day', approximate: true });
    expect(time('U.S. forces last night struck two sites.', '2023-06-15T01:10Z', 'Asia/Damascus', source)?.tz).toBe('America/New_York');
    // Day-level words stay in the event zone.
    expect(time("Several soldiers were killed in today's attack.", '2023-06-15T01:10Z', 'Asia/Kabul', source)?.tz).toBe('Asia/Kabul');
  });

  it('dates an unzoned clock time by a weekday elsewhere in the text', () => {
    const text = 'A rocket struck the airport on Tuesday, but caused no damage. The spokesman said it hit at 3:05 p.m. (1205 GMT).';
    const t = time(text, post, 'Asia/Baghdad');
    expect(core(t)).toEqual({ local: '2023-06-13T15:05', tz: 'Asia/Baghdad', utc: '2023-06-13T12:05Z', precision: 'minute', approximate: false });
    expectMentionFromText(text, t);
  });

  it('moves a dateless clock time later than the post to the day before', () => {
    // Posted 09:00 in Baghdad: "11pm" cannot be later the same day.
    expect(time('A rocket hit the outskirts of Kirkuk at 11pm, police said.', '2022-06-01T06:00Z', 'Asia/Baghdad')?.local).toBe('2022-05-31T23:00');
    expect(time('A rocket hit the outskirts of Kirkuk at 7am, police said.', '2022-06-01T06:00Z', 'Asia/Baghdad')?.local).toBe('2022-06-01T07:00');
  });

  it('keeps relative-to-another-event expressions without a date', () => {
    const t = time('About 20 minutes later, a second drone hit the market.', post, 'Asia/Baghdad');
    expect(t?.mention).toBe('About 20 minutes later');
    expect(core(t)).toEqual({ local: null, tz: null, utc: null, precision: null, approximate: true });
    expect(time('Hours earlier, militants fired rockets at the airport.', post, 'Asia/Baghdad')?.local).toBeNull();
  });
});

describe('ranges', () => {
  it('reads "between 1 a.m. and 3:40 p.m. (Sanaa time) on May 2" as a range', () => {
    const t = time('The drones were launched between 1 a.m. and 3:40 p.m. (Sanaa time) on May 2, 2024.', '2024-05-03', null);
    expect(t).toMatchObject({
      local: '2024-05-02T01:00', tz: 'Asia/Aden', utc: '2024-05-01T22:00Z', precision: 'minute',
      local_end: '2024-05-02T15:40', utc_end: '2024-05-02T12:40Z',
    });
  });

  it('carries a range past midnight into the next day', () => {
    const t = time('Shelling continued from 10 p.m. to 2 a.m. local time on 5 May.', '2024-05-07', 'Europe/Kyiv');
    expect(t).toMatchObject({ local: '2024-05-05T22:00', local_end: '2024-05-06T02:00' });
  });

  it('reads a day range as start and end days', () => {
    expect(time('The raids on 5 and 6 May killed 4 people.', '2024-05-10', 'Asia/Gaza')).toMatchObject({ local: '2024-05-05', local_end: '2024-05-06', precision: 'day' });
  });
});

describe('not the event time', () => {
  it('ignores the date of a statement', () => {
    expect(time('The army said Wednesday that two rockets landed near the base.', '2023-06-15', 'Asia/Baghdad')).toBeNull();
    expect(time('The ministry confirmed on Sunday that a drone was shot down.', '2023-06-15', 'Asia/Baghdad')).toBeNull();
    expect(time('Central Command announced on Thursday that four drones were destroyed.', '2023-06-15', 'Asia/Aden')).toBeNull();
    expect(time('On Monday, the provincial council announced that a rocket fell near a school.', '2023-06-15', 'Asia/Baghdad')).toBeNull();
    expect(time("In Tuesday's statement, the police said two officers were hurt.", '2023-06-15', 'Asia/Baghdad')).toBeNull();
  });

  it('keeps a date that belongs to the event even when a statement follows', () => {
    expect(time('On Sunday, three rockets struck the airport, the army said in a statement.', '2023-06-15', 'Asia/Baghdad')?.local).toBe('2023-06-11');
  });

  it('dates a dateless clock time by the statement that reports it rather than by a later post', () => {
    const t = time('The Pentagon said on Saturday that rockets were fired at the base at 6:30 p.m. local time.', '2024-01-22', 'Asia/Baghdad');
    expect(t?.local).toBe('2024-01-20T18:30');
  });

  it('dates an operation by its start, not by a later day of it', () => {
    const t = time('The raid entered its third day on Wednesday. Nine people have been killed since it began early on Monday.', '2024-07-03', 'Asia/Hebron');
    expect(core(t)).toMatchObject({ local: '2024-07-01', precision: 'part_of_day' });
  });

  it('ignores as-of and reporting times', () => {
    expect(time('As of 17:00 on 6 May, the health ministry reported 14 injured.', '2023-05-06', 'Asia/Gaza')).toBeNull();
    expect(time('Casualty figures are current as of 11:30 p.m. local time.', '2023-05-06', 'Asia/Gaza')).toBeNull();
    expect(time('As of 10pm (Kyiv time), no drones had reached the capital.', '2023-05-06', 'Europe/Kyiv')).toBeNull();
  });

  it('ignores background dates', () => {
    expect(time('It was the 31st attack on the base since October 17.', '2024-01-10', 'Asia/Baghdad')).toBeNull();
    expect(time('The first strikes on the city since January left 2 dead.', '2024-05-10', 'Europe/Kyiv')).toBeNull();
  });

  it('ignores datelines', () => {
    const t = time('BASRA, Iraq, June 3 (Reuters) - A roadside bomb hit a convoy on Friday.', '2022-06-04', 'Asia/Baghdad');
    expect(t?.local).toBe('2022-06-03');
    expect(t?.precision).toBe('day');
    expect(time('Haifa, Israel - June 3, 2022 - A drone fell in an open area on Friday evening.', '2022-06-03', 'Asia/Jerusalem')?.precision).toBe('part_of_day');
  });

  it('prefers the event time to an as-of time in the same text', () => {
    const t = time('As of 18:00 on 4 May, 9 were dead. The strike hit the market at 11:20 on 4 May.', '2023-05-04', 'Asia/Gaza');
    expect(t?.local).toBe('2023-05-04T11:20');
  });

  it('returns null without any time expression', () => {
    expect(time('Air defence shot down 14 of 15 drones.', '2023-05-04', 'Europe/Kyiv')).toBeNull();
  });
});

describe('more phrasings', () => {
  it('reads "21h30" and a shared am/pm in "from 2 to 4 a.m."', () => {
    expect(time('The raid began at 21h30 on 9 March.', '2024-03-14', 'Asia/Gaza')?.local).toBe('2024-03-09T21:30');
    const t = time('The shelling lasted from 2 to 4 a.m. on 9 March.', '2024-03-14', 'Europe/Kyiv');
    expect(t).toMatchObject({ local: '2024-03-09T02:00', local_end: '2024-03-09T04:00', utc: '2024-03-09T00:00Z', precision: 'hour' });
  });

  it('takes a year-like number for a clock time only after a day word', () => {
    expect(time('Tonight at 2045, two rockets struck the base.', '2024-03-14T20:00Z', 'Asia/Baghdad')?.local).toBe('2024-03-14T20:45');
    expect(time('The drone came down at 1500 metres from the fence.', '2024-03-14', 'Asia/Jerusalem')).toBeNull();
  });

  it('dates "Wednesday night into Thursday" by Thursday', () => {
    const t = time('Drones hit Sumy on Wednesday night into Thursday.', '2024-03-14T08:00Z', 'Europe/Kyiv');
    expect(core(t)).toMatchObject({ local: '2024-03-14', precision: 'part_of_day' });
  });

  it('dates "Saturday night" by Saturday, and small hours after it by Sunday', () => {
    expect(time('Gunfire erupted in Nablus on Saturday night.', '2024-03-18', 'Asia/Hebron')?.local).toBe('2024-03-16');
    expect(time('Gunfire erupted in Nablus on Saturday night at 1:30 a.m.', '2024-03-18', 'Asia/Hebron')?.local).toBe('2024-03-17T01:30');
  });

  it('dates clock times in "the night of D" before midnight by the evening before', () => {
    expect(time('On the night of 12 March, the first drones crossed at 23:40.', '2024-03-12', 'Europe/Kyiv')?.local).toBe('2024-03-11T23:40');
  });

  it('does not take a possessive day or a passive report for a statement date', () => {
    expect(time("Hezbollah claimed Tuesday's attack on the outpost.", '2024-03-14', 'Asia/Jerusalem')?.local).toBe('2024-03-12');
    expect(time('Explosions were also reported Tuesday near the port.', '2024-03-14', 'Asia/Aden')?.local).toBe('2024-03-12');
  });

  it('prefers the event date to a date that names another event', () => {
    const t = time('Since the Oct. 7 attacks, the base was hit often. Two rockets hit it on Sunday.', '2024-03-17', 'Asia/Baghdad');
    expect(t?.local).toBe('2024-03-17');
    expect(time('After the Sept. 11 attacks, bases were built. Two rockets hit the base on Sunday.', '2024-03-17', 'Asia/Baghdad')?.local).toBe('2024-03-17');
  });

  it('reads the clock time in the zone of the place when a US institution is named elsewhere in the text', () => {
    const text = 'The Pentagon said 2,500 troops are in Iraq. The base was hit at 9 p.m. on Monday.';
    expect(time(text, '2024-03-19', 'Asia/Baghdad')?.tz).toBe('Asia/Baghdad');
    expect(time('Rockets hit Erbil at 9 p.m. on Monday, the Pentagon said.', '2024-03-19', 'Asia/Baghdad')?.tz).toBeNull();
  });

  it('ignores the reporting window of a night report, but not a start time elsewhere', () => {
    const night = time('On the night of April 2 (from 20:00 on April 1), the enemy launched 21 drones.', '2024-04-02', 'Europe/Kyiv');
    expect(core(night)).toMatchObject({ local: '2024-04-02', precision: 'part_of_day' });
    const start = time('On January 9 (from 9:15 p.m. Sanaa time), drones were launched.', '2024-01-10', null);
    expect(core(start)).toMatchObject({ local: '2024-01-09T21:15', tz: 'Asia/Aden', precision: 'minute' });
  });

  it('ignores publication stamps', () => {
    expect(time('Published: 3 July 2023. Israeli forces raided Jenin.', '2023-07-03', 'Asia/Hebron')).toBeNull();
  });
});

describe('military-time ranges and Arabic relative days', () => {
  it('reads the first of two military times joined by "and" or "to" when the pair is glossed', () => {
    const t = time('Drones were launched toward the strait between 0640 and 0815 Sanaa time on May 4.', '2024-05-05', null);
    expect(t).toMatchObject({ local: '2024-05-04T06:40', tz: 'Asia/Aden', local_end: '2024-05-04T08:15', precision: 'minute' });
    expect(time('Sirens sounded from 2250 to 0110 hours local time.', '2024-05-05T06:00Z', 'Asia/Baghdad')?.local).toBe('2024-05-04T22:50');
    // Years are not clock times.
    expect(time('Between 1990 and 2010 the airfield was a civilian airport.', '2024-05-05', 'Asia/Baghdad')).toBeNull();
  });

  it('reads "shortly before midnight on D" as late on D', () => {
    expect(core(time('Rockets struck shortly before midnight on Sunday.', '2024-03-11', 'Asia/Baghdad'))).toMatchObject({
      local: '2024-03-10T23:59', precision: 'hour',
    });
  });

  it('reads "the early morning hours of D" and "the afternoon hours of D" as parts of D', () => {
    expect(core(time('Drones were launched in the early morning hours of Saturday.', '2024-03-10', 'Europe/Kyiv'))).toMatchObject({ local: '2024-03-09', precision: 'part_of_day' });
    expect(core(time('The strike happened in the afternoon hours of 8 March.', '2024-03-10', 'Asia/Gaza'))).toMatchObject({ local: '2024-03-08', precision: 'part_of_day' });
  });

  it('dates a lone "at dawn" or "at dusk" by the post', () => {
    expect(core(time('Militants attacked the outpost at dawn.', '2024-03-10T08:00:00Z', 'Asia/Baghdad'))).toMatchObject({ local: '2024-03-10', precision: 'part_of_day' });
    expect(core(time('Drones hit the port at dusk.', '2024-03-10T05:00:00Z', 'Europe/Kyiv'))).toMatchObject({ local: '2024-03-09', precision: 'part_of_day' });
  });

  it('reads "over the past night" as overnight', () => {
    expect(core(time('Over the past night, air defence destroyed 31 drones.', '2025-03-09', 'Europe/Moscow'))).toMatchObject({
      local: '2025-03-09', precision: 'part_of_day',
    });
  });

  it('reads Arabic relative days, parts of the day and weekdays', () => {
    expect(core(time('سقطت قذيفتان فجر اليوم الأربعاء قرب المطار', '2024-05-08T04:00Z', 'Asia/Baghdad'))).toMatchObject({
      local: '2024-05-08', precision: 'part_of_day',
    });
    expect(core(time('استهدفت طائرة مسيرة القاعدة مساء أمس', '2024-05-08T04:00Z', 'Asia/Baghdad'))).toMatchObject({
      local: '2024-05-07', precision: 'part_of_day',
    });
    expect(core(time('هجوم صاروخي يوم الأحد على معسكر التاجي', '2024-05-08', 'Asia/Baghdad'))).toMatchObject({ local: '2024-05-05', precision: 'day' });
  });
});

describe('bad input', () => {
  it('never throws', () => {
    const junk = ['', ' ', '((((((', ':::', 'at 99:99 on 45 Smarch', '\u0000\u0001', 'a'.repeat(5000)];
    for (const text of junk) {
      expect(() => time(text, 'not a date', 'Not/AZone')).not.toThrow();
      expect(() => time(text, '', null)).not.toThrow();
    }
  });

  it('finishes on Arabic text mixed with astral characters', () => {
    expect(() => time('😀 اليوم 😀 مساء 𝟘 الخميس😀', '2024-05-08', 'Asia/Baghdad')).not.toThrow();
    expect(time('😀 مساء أمس 😀', '2024-05-08', 'Asia/Baghdad')?.local).toBe('2024-05-07');
  });

  it('still reads explicit dates when the post time is unusable', () => {
    expect(time('Rockets struck at 10:30 a.m. local time on Feb. 15, 2021.', 'garbage', 'Asia/Baghdad')?.utc).toBe('2021-02-15T07:30Z');
  });

  it('treats an unknown zone hint as no hint', () => {
    const t = time('The blast happened at 9:10 p.m. on 2 March 2022.', '2022-03-03', 'Mars/Olympus');
    expect(core(t)).toMatchObject({ local: '2022-03-02T21:10', tz: null, utc: null });
  });
});
