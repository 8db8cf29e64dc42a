import fc from 'fast-check';
import { fcRuns } from '../../support/fcRuns.ts';
import { describe, expect, it } from 'vitest';
import type { Location } from '../../../src/domain/claim.ts';
import { extractClaim } from '../../../src/extract/index.ts';
import { extractLocations, zoneForLocations } from '../../../src/extract/places.ts';
import { prepareText } from '../../../src/extract/prepare.ts';

const ctx = { postedAt: '2024-02-10T12:00:00Z' };

function places(text: string): Location[] {
  return extractLocations(prepareText(text), ctx);
}
function names(text: string): string[] {
  return places(text).map((l) => l.name);
}
function byName(text: string, name: string): Location {
  const found = places(text).find((l) => l.name === name);
  if (!found) throw new Error(`${name} not found in ${JSON.stringify(names(text))}`);
  return found;
}

describe('names and spelling variants', () => {
  it('reads transliterations of one base as the same place', () => {
    for (const text of [
      'Two rockets hit Ayn al-Asad airbase on Sunday.',
      'Rockets were fired at the Ain Al Assad base.',
      'A drone was downed near Al-Asad air base.',
    ]) {
      expect(names(text)).toEqual(['Al Asad Airbase']);
    }
  });

  it('prefers a base when a base word follows the town name', () => {
    expect(names('A drone exploded near Erbil airport overnight.')).toEqual(['Erbil International Airport']);
    expect(names('Three rockets struck Balad air base, north of the capital.')).toEqual(['Balad Air Base']);
    expect(places('Sirens went off in Erbil after the blast.')[0]).toMatchObject({ name: 'Erbil', kind: 'city', country: 'IQ' });
  });

  it('gives each spelling its own entry and one entry per repeated spelling', () => {
    const text = 'A bomb hit a convoy in Dhi Qar province; a second one exploded in the Thi Qar governorate. Both blasts in Dhi Qar province caused no injuries.';
    const found = places(text);
    expect(found.map((l) => l.mention)).toEqual(['Dhi Qar province', 'Thi Qar governorate']);
    expect(new Set(found.map((l) => l.place_id))).toEqual(new Set(['IQ.dhi-qar']));
  });

  it('resolves acronyms only in capitals and a restating acronym once', () => {
    expect(names('This morning Harir Air Base (HAB) and EAB reported no damage.')).toEqual(['Harir Air Base', 'Erbil International Airport']);
    expect(names('The eab figures were revised.')).toEqual([]);
  });

  it('reads the capital in apposition, provinces and plural regions', () => {
    expect(places('Drones targeted the capital Kyiv overnight.')[0]).toMatchObject({ name: 'Kyiv', kind: 'city' });
    expect(names('Shelling hit the Sumy region and Kharkiv Oblast.')).toEqual(['Sumy Oblast', 'Kharkiv Oblast']);
    expect(names('Russia struck Mykolaiv and Odesa regions with drones.')).toEqual(['Mykolaiv Oblast', 'Odesa Oblast']);
  });

  it('reads Arabic, Ukrainian and Hebrew names', () => {
    const ar = places('سقط صاروخ انطلق من منطقة الزعفرانية باتجاه المنطقة الخضراء');
    expect(ar.map((l) => [l.name, l.role])).toEqual([
      ['Zafaraniya (Baghdad)', 'origin'],
      ['Green Zone (Baghdad)', 'target'],
    ]);
    expect(names('Вночі ворог атакував Одесу та Київ.')).toContain('Kyiv');
    expect(names('אזעקות בקריית שמונה')).toEqual(['Qiryat Shemona']);
  });
});

describe('roles', () => {
  it('marks launch origins', () => {
    const found = places('Militants fired four rockets from the Baghdad Jadida area; they landed in Sadr City.');
    expect(byName('Two drones were launched from Iran toward northern Israel.', 'Iran').role).toBe('origin');
    expect(byName('Two drones were launched from Iran toward northern Israel.', 'Northern Israel').role).toBe('target');
    expect(found.find((l) => l.name === 'Sadr City (Baghdad)')?.role).toBe('target');
    expect(byName('Hezbollah fired rockets at Safed from southern Lebanon.', 'Southern Lebanon').role).toBe('origin');
  });

  it('reads a country firing a counted salvo as the origin, not one merely acting', () => {
    expect(byName('Iran fired 12 ballistic missiles at US forces in Iraq.', 'Iran').role).toBe('origin');
    expect(names('Russia launched on Ukraine a new wave of strikes overnight.')).toEqual(['Ukraine']);
    expect(names('Ukraine says its air defences shot down nine drones.')).toEqual([]);
  });

  it('marks reference points', () => {
    expect(byName('The base lies 60 km north of Baghdad and was hit at dawn.', 'Baghdad').role).toBe('reference');
    expect(byName('Mortars landed 3 km from the Green Zone.', 'Green Zone (Baghdad)').role).toBe('reference');
    expect(byName('A strike hit a truck near the Iraq border.', 'Iraq').role).toBe('reference');
    expect(places('The drone hit a post in Hasakah province bordering Turkey.').find((l) => l.place_id === 'TR')?.role).toBe('reference');
  });
});

describe('traps', () => {
  it('ignores datelines', () => {
    expect(names('MOSUL, Iraq (Reuters) - A roadside bomb killed two soldiers in Tal Afar on Monday.')).toEqual(['Tall ‘Afar']);
    expect(names('Haifa, Israel - March 2, 2024 - Rockets struck Nahariya overnight.')).toEqual(['Nahariyya']);
  });

  it('ignores places inside organisation, media, street, holiday and operation names', () => {
    expect(names('The Israel Defense Forces said the Armed Forces of Ukraine trained with them.')).toEqual([]);
    expect(names('The Kyiv Post and the Times of Israel reported the strike.')).toEqual([]);
    expect(names('A car exploded on Baghdad Street in Kirkuk.')).toEqual(['Kirkuk']);
    expect(names('Crowds marked Jerusalem Day as sirens sounded in Ashdod.')).toEqual(['Ashdod']);
    expect(names('Operation Iraqi Freedom veterans met in a hall; Baghdad time was 3 p.m.')).toEqual([]);
    expect(names('USS Mason and HMS Richmond shot down drones in the Red Sea.')).toEqual(['Red Sea']);
  });

  it('ignores modifiers and governments named by their capital', () => {
    expect(names('The U.S.-led coalition and Iran-backed militias traded accusations.')).toEqual([]);
    expect(names('Tehran denied the report and Washington has warned of retaliation.')).toEqual([]);
    expect(names('A Kyiv court jailed the officer.')).toEqual([]);
    expect(names('The Gaza health ministry published new figures.')).toEqual([]);
  });

  it('ignores people who carry a place in their name', () => {
    expect(names('President Bashar al-Assad met envoys as shells fell on Idlib.')).toEqual(['Idlib']);
  });

  it('ignores places of another, earlier event', () => {
    expect(names('The strike in Deir ez-Zor came in response to attacks on US personnel in Jordan.')).toEqual(['Deir ez-Zor']);
    expect(names('It was the latest in a series of rocket attacks in Iraq; this one hit Camp Taji.')).toEqual(['Camp Taji']);
  });

  it('keeps a source-only place only when nothing else locates the event', () => {
    expect(names('Officials in Baghdad said a drone struck Erbil airport.')).toEqual(['Erbil International Airport']);
    expect(names('Activists in northern Syria said five civilians were killed.')).toEqual(['Northern Syria']);
    expect(names('A spokesman for the coalition in Iraq said rockets hit Harir air base.')).toEqual(['Harir Air Base']);
  });

  it('reads possessives as containers, owners or the country itself', () => {
    expect(names("Rockets hit Iraq's Anbar province.")).toEqual(['Anbar Governorate']);
    expect(names("Yemen's Houthis claimed the launch.")).toEqual([]);
    expect(places("The drone entered Syria's airspace from the east.")[0]).toMatchObject({ name: 'Syria', mention: "Syria's airspace" });
    expect(names("Kharkiv's mayor said power was cut.")).toEqual([]);
    expect(places("A blast hit the gate of Kabul's main airport.")[0]).toMatchObject({ name: 'Kabul International Airport', mention: "Kabul's main airport" });
    expect(names("Debris fell in Odesa's Prymorskyi district.")).toEqual(['Prymorskyi district (Odesa)']);
    expect(places("Drones came from Russia's Bryansk region.").map((l) => [l.name, l.role])).toEqual([['Bryansk Oblast', 'origin']]);
  });
});

describe('demonyms', () => {
  it('reads a demonym as the country only with a geographic head', () => {
    expect(places('Two rockets fell in Lebanese territory.')[0]).toMatchObject({ name: 'Lebanon', mention: 'Lebanese territory', kind: 'country' });
    expect(names('Israeli jets and Iranian drones were seen.')).toEqual([]);
  });

  it('keeps "an Iraqi airbase" only when it is the only anchor', () => {
    expect(names('Rockets struck an Iraqi military base on Tuesday.')).toEqual(['Iraq']);
    expect(names('Rockets struck an Iraqi military base, Camp Taji, on Tuesday.')).toEqual(['Camp Taji']);
  });

  it('reads "the <demonym> capital" as the capital city', () => {
    expect(places('Drones struck the Ukrainian capital overnight.')[0]).toMatchObject({ name: 'Kyiv', mention: 'the Ukrainian capital' });
  });

  it('keeps a demonym target next to a named origin', () => {
    const found = places('Russia launched 40 drones at Ukrainian targets overnight.');
    expect(found.map((l) => [l.name, l.role])).toEqual([
      ['Russia', 'origin'],
      ['Ukraine', 'target'],
    ]);
  });
});

describe('disambiguation and regions', () => {
  it('chooses among namesakes by the other places of the text and by size', () => {
    expect(places('A rocket from Rafah hit a house in Sderot.')[0]).toMatchObject({ country: 'PS' });
    expect(places('Rockets hit Kabul on Monday.')[0]).toMatchObject({ country: 'AF' });
  });

  it('drops a small namesake far from the rest of the text', () => {
    expect(names('Drones hit Kharkiv and the outskirts of Kabul in the Kharkiv region.')).not.toContain('Kābūl');
  });

  it('gives directional regions null coordinates', () => {
    const west = byName('The attack hit western Iraq and north-eastern Syria.', 'Western Iraq');
    expect(west).toMatchObject({ kind: 'region', country: 'IQ', lat: null, lon: null });
    expect(names('The attack hit western Iraq and north-eastern Syria.')).toEqual(['Western Iraq', 'Northeastern Syria']);
  });

  it('knows seas and straits', () => {
    expect(names('Houthis fired a missile into the Gulf of Aden and two drones toward the Bab el-Mandeb.')).toEqual(['Gulf of Aden', 'Bab el-Mandeb Strait']);
  });

  it('finds the airport of a town named after it', () => {
    expect(places('An explosion went off outside the airport in Kabul.')[0]).toMatchObject({ name: 'Kabul International Airport', mention: 'the airport in Kabul' });
  });

  it('resolves a generic embassy only next to its city', () => {
    expect(names('A rocket landed near the US embassy in Baghdad.')).toEqual(['US Embassy Baghdad', 'Baghdad']);
    expect(names('Protesters gathered near the US embassy.')).toEqual([]);
  });

  it('names unlisted neighbourhoods after their town', () => {
    expect(places('The shell fell in the Al-Qadisiya neighborhood of Al-Baghdadi.')[0]).toMatchObject({
      name: 'Al-Qadisiya neighbourhood (Al-Baghdadi)',
      kind: 'site',
      country: 'IQ',
      lat: null,
    });
  });
});

describe('spans and robustness', () => {
  it('returns mentions equal to their span', () => {
    const text = 'Sirens sounded in Metula and Kiryat Shmona after launches from southern Lebanon.';
    for (const l of places(text)) expect(text.slice(l.span!.start, l.span!.end)).toBe(l.mention);
  });

  it('maps spans back to the original text through entities', () => {
    const text = 'Rockets &amp; drones hit Erbil airport.';
    const claim = extractClaim({ text, postedAt: ctx.postedAt });
    const loc = claim.locations[0]!;
    expect(text.slice(loc.span!.start, loc.span!.end)).toBe('Erbil airport');
  });

  it('never throws on odd input', () => {
    expect(extractLocations(prepareText(''), ctx)).toEqual([]);
    expect(extractLocations({ text: undefined } as never, ctx)).toEqual([]);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(Array.isArray(places(s))).toBe(true);
      }),
      { numRuns: fcRuns(300) },
    );
  });
});

describe('zoneForLocations', () => {
  it('uses the target place first', () => {
    expect(zoneForLocations(places('Rockets were fired from Lebanon at Kiryat Shmona.'))).toBe('Asia/Jerusalem');
    expect(zoneForLocations(places('Drones from Russia hit Kharkiv.'))).toBe('Europe/Kyiv');
  });

  it('falls back to the country of a region without coordinates and to sea zones', () => {
    expect(zoneForLocations(places('Strikes hit eastern Syria.'))).toBe('Asia/Damascus');
    expect(zoneForLocations(places('A missile was fired into the southern Red Sea.'))).toBe('Asia/Aden');
  });

  it('returns null without places', () => {
    expect(zoneForLocations([])).toBeNull();
    expect(zoneForLocations([{ mention: 'x', name: 'x', country: null, lat: null, lon: null, kind: 'site' }])).toBeNull();
  });
});
