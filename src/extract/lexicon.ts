/**
 * Vocabularies for counts: what a head noun counts (munitions, people, sites), what a verb says happened
 * to it (launched, intercepted, landed, killed, ...), and the words that mark a number as not a count.
 * Keys are lower-case single words; multi-word cues are matched as token sequences by the callers.
 */

/** Munition head nouns -> `what`. Missile types are refined by modifiers (ballistic, cruise). */
export const MUNITION_HEADS: Record<string, string> = {
  rocket: 'rocket', rockets: 'rocket', katyusha: 'rocket', katyushas: 'rocket', qassam: 'rocket', qassams: 'rocket',
  grads: 'rocket',
  missile: 'missile', missiles: 'missile',
  drone: 'drone', drones: 'drone', uav: 'drone', uavs: 'drone', uas: 'drone', shahed: 'drone', shaheds: 'drone',
  geran: 'drone', gerans: 'drone', quadcopter: 'drone', quadcopters: 'drone', lancet: 'drone', lancets: 'drone',
  projectile: 'projectile', projectiles: 'projectile', launch: 'projectile', launches: 'projectile',
  mortar: 'projectile', mortars: 'projectile', shell: 'projectile', shells: 'projectile', rounds: 'projectile',
  munitions: 'projectile',
  ied: 'ied', ieds: 'ied', bomb: 'ied', bombs: 'ied', vbied: 'ied', vbieds: 'ied',
  explosion: 'explosion', explosions: 'explosion', blast: 'explosion', blasts: 'explosion',
  aircraft: 'aircraft', jets: 'aircraft', warplanes: 'aircraft', warplane: 'aircraft', helicopters: 'aircraft',
  helicopter: 'aircraft', planes: 'aircraft', bombers: 'aircraft',
  // Fighter names after their designator ("two F-15E Strike Eagles", "four F-16 Fighting Falcons").
  eagles: 'aircraft', falcons: 'aircraft', hornets: 'aircraft', raptors: 'aircraft', rafales: 'aircraft', warthogs: 'aircraft',
  airstrike: 'air_strike', airstrikes: 'air_strike', strike: 'air_strike', strikes: 'air_strike', raids: 'air_strike',
  sorties: 'air_strike',
  // Named weapons often used as the head noun ("52 of 54 Shahed-136/131", "three Kalibrs").
  kalibr: 'cruise_missile', kalibrs: 'cruise_missile', tomahawks: 'cruise_missile', iskander: 'ballistic_missile',
  iskanders: 'ballistic_missile', kinzhal: 'ballistic_missile', kinzhals: 'ballistic_missile',
};

/** Heads whose compound first part names a drone or missile model ("Shahed-136", "Kh-101"). */
export const MODEL_PREFIXES: Record<string, string> = {
  shahed: 'drone', geran: 'drone', lancet: 'drone', orlan: 'drone', kh: 'cruise_missile', kalibr: 'cruise_missile',
  iskander: 'ballistic_missile', kn: 'ballistic_missile', fateh: 'ballistic_missile', zolfaghar: 'ballistic_missile',
  qassam: 'rocket', grad: 'rocket', katyusha: 'rocket',
};

/** Nouns that, right after a munition word, make it a modifier of something else ("rocket attack", "missile defense"). */
export const MUNITION_BLOCKERS = new Set([
  'attack', 'attacks', 'fire', 'barrage', 'barrages', 'launcher', 'launchers', 'defense', 'defence', 'defenses',
  'sirens', 'siren', 'alert', 'alerts', 'warning', 'warnings', 'threat', 'threats', 'unit', 'units', 'crew', 'crews',
  'operator', 'operators', 'factory', 'factories', 'production', 'base', 'bases', 'shelter', 'shelters',
  'interceptor', 'interceptors', 'battery', 'batteries', 'debris', 'fragments', 'fragment', 'parts', 'wreckage',
  'program', 'programme', 'team', 'teams', 'squad', 'cell', 'cells', 'site', 'sites', 'position', 'positions',
  'storage', 'depot', 'depots', 'maker', 'makers', 'technology', 'range', 'threat', 'pilot', 'pilots', 'footage',
  'activity', 'campaign', 'campaigns', 'war', 'incident', 'incidents', 'groups', 'group', 'movement', 'organization',
  'organisation', 'leaders', 'leader', 'commander', 'commanders', 'families', 'homes', 'houses', 'vehicles', 'vehicle',
  'shelling', 'salvo', 'salvos', 'exchange', 'zone', 'area', 'areas', 'system', 'systems',
]);

/** "unmanned aerial (surveillance) system/vehicle" counts a drone. */
export const DRONE_SYSTEM_MODIFIERS = new Set(['unmanned', 'aerial']);
export const DRONE_SYSTEM_HEADS = new Set(['system', 'systems', 'vehicle', 'vehicles']);

/** People head nouns -> group. */
export const PERSON_HEADS: Record<string, string> = {
  people: 'unspecified', persons: 'unspecified', person: 'unspecified', individuals: 'unspecified',
  individual: 'unspecified', men: 'unspecified', man: 'unspecified', residents: 'unspecified', resident: 'unspecified',
  workers: 'unspecified', worker: 'unspecified', journalists: 'unspecified', journalist: 'unspecified',
  patients: 'unspecified', victims: 'unspecified', policemen: 'unspecified', policeman: 'unspecified',
  guards: 'unspecified', guard: 'unspecified', passengers: 'unspecified', others: 'unspecified', other: 'unspecified',
  civilians: 'civilian', civilian: 'civilian', children: 'civilian', child: 'civilian', kids: 'civilian',
  minors: 'civilian', women: 'civilian', woman: 'civilian', girls: 'civilian', girl: 'civilian', boys: 'civilian',
  boy: 'civilian', infants: 'civilian', babies: 'civilian', baby: 'civilian', teenagers: 'civilian',
  soldiers: 'military', soldier: 'military', troops: 'military', troop: 'military', servicemembers: 'military',
  servicemember: 'military', servicemen: 'military', serviceman: 'military', officers: 'military', officer: 'military',
  marines: 'military', marine: 'military', sailors: 'military', sailor: 'military', airmen: 'military',
  airman: 'military', paratroopers: 'military', mil: 'military', reservists: 'military', conscripts: 'military',
  personnel: 'unspecified', members: 'unspecified', member: 'unspecified',
  contractors: 'contractor', contractor: 'contractor',
  fighters: 'combatant', fighter: 'combatant', militants: 'combatant', militant: 'combatant', insurgents: 'combatant',
  insurgent: 'combatant', combatants: 'combatant', combatant: 'combatant', terrorists: 'combatant',
  terrorist: 'combatant', militiamen: 'combatant', jihadists: 'combatant', operatives: 'combatant',
  attackers: 'perpetrator', attacker: 'perpetrator', assailants: 'perpetrator', assailant: 'perpetrator',
  gunmen: 'perpetrator', gunman: 'perpetrator', perpetrators: 'perpetrator', perpetrator: 'perpetrator',
  shooters: 'perpetrator', shooter: 'perpetrator', bomber: 'perpetrator',
  dog: 'animal', dogs: 'animal', horse: 'animal', horses: 'animal', animals: 'animal', animal: 'animal',
  cattle: 'animal', sheep: 'animal', cows: 'animal', camels: 'animal',
  paramedic: 'unspecified', medic: 'unspecified', nurse: 'unspecified', doctor: 'unspecified', rescuer: 'unspecified',
  volunteer: 'unspecified', teacher: 'unspecified', student: 'unspecified', farmer: 'unspecified',
  fisherman: 'unspecified', shepherd: 'unspecified', passenger: 'unspecified',
  'passers-by': 'unspecified', passersby: 'unspecified', passerby: 'unspecified', 'passer-by': 'unspecified',
  sons: 'unspecified', son: 'unspecified', daughters: 'unspecified', daughter: 'unspecified', brothers: 'unspecified',
  brother: 'unspecified', sisters: 'unspecified', sister: 'unspecified', father: 'unspecified', mother: 'unspecified',
  wife: 'unspecified', husband: 'unspecified', grandchildren: 'civilian', siblings: 'unspecified',
  adults: 'unspecified', adult: 'unspecified', locals: 'unspecified', villagers: 'unspecified',
  bystanders: 'unspecified', pedestrians: 'unspecified', shoppers: 'unspecified', commuters: 'unspecified',
  inhabitants: 'unspecified', occupants: 'unspecified', motorists: 'unspecified', officials: 'unspecified',
  teenager: 'civilian', teen: 'civilian', infant: 'civilian', toddler: 'civilian', schoolchildren: 'civilian',
  drivers: 'unspecified', driver: 'unspecified', employees: 'unspecified', employee: 'unspecified',
  staff: 'unspecified', students: 'unspecified', pilgrims: 'unspecified', farmers: 'unspecified',
  fishermen: 'unspecified', shepherds: 'unspecified', nurses: 'unspecified', doctors: 'unspecified',
  paramedics: 'unspecified', medics: 'unspecified', rescuers: 'unspecified', firefighters: 'unspecified',
  volunteers: 'unspecified', teachers: 'unspecified', prisoners: 'unspecified', detainees: 'unspecified',
  hostages: 'unspecified', suspects: 'unspecified', suspect: 'unspecified', settlers: 'unspecified',
  tourists: 'unspecified', worshippers: 'unspecified', protesters: 'unspecified', demonstrators: 'unspecified',
  crewmembers: 'unspecified', seafarers: 'unspecified', mariners: 'unspecified', citizens: 'unspecified',
  nationals: 'unspecified', relatives: 'unspecified', police: 'unspecified', firefighter: 'unspecified',
  pensioners: 'unspecified', elderly: 'civilian', teens: 'civilian', toddlers: 'civilian', pupils: 'civilian',
  palestinians: 'unspecified', palestinian: 'unspecified', israelis: 'unspecified', israeli: 'unspecified',
  afghans: 'unspecified', iraqis: 'unspecified', syrians: 'unspecified', ukrainians: 'unspecified',
  americans: 'unspecified', american: 'unspecified', yemenis: 'unspecified', lebanese: 'unspecified',
  kurds: 'unspecified', iranians: 'unspecified', russians: 'unspecified', gazans: 'unspecified',
  egyptians: 'unspecified', turks: 'unspecified', pakistanis: 'unspecified', somalis: 'unspecified',
  // Officials' words for their own people and for the enemy ("3 of our compatriots", "khwarij").
  compatriots: 'unspecified', compatriot: 'unspecified', countrymen: 'unspecified', countryman: 'unspecified',
  'fellow-citizens': 'unspecified', jawans: 'military', jawan: 'military', sepoys: 'military', sepoy: 'military',
  cops: 'unspecified', constables: 'unspecified', constable: 'unspecified',
  khwarij: 'combatant', khawarij: 'combatant', kharijis: 'combatant', khariji: 'combatant', miscreants: 'combatant',
  extremists: 'combatant', extremist: 'combatant', rebels: 'combatant', rebel: 'combatant',
  guerrillas: 'combatant', guerrilla: 'combatant', mujahideen: 'combatant', heroes: 'unspecified',
};

/** Demonym heads ("twelve Palestinians"): counted people whose nationality goes to `detail`. */
export const DEMONYM_HEADS = new Set([
  'palestinians', 'palestinian', 'israelis', 'israeli', 'afghans', 'iraqis', 'syrians', 'ukrainians', 'americans',
  'american', 'yemenis', 'lebanese', 'kurds', 'iranians', 'russians', 'gazans', 'egyptians', 'turks', 'pakistanis',
  'somalis',
]);

/** Modifiers that make "personnel/members/people" military. */
export const MILITARY_MODIFIERS = new Set([
  'military', 'mil', 'service', 'army', 'navy', 'coalition', 'security', 'air', 'force', 'forces', 'defense',
  'defence', 'marine', 'guard', 'guards', 'naval', 'peacekeeping',
]);
export const CIVILIAN_MODIFIERS = new Set(['civ', 'civilian']);

/** Site heads: counted only with a verb saying what happened to them (targeted, hit, destroyed). */
export const SITE_HEADS = new Set([
  'bases', 'base', 'sites', 'site', 'facilities', 'facility', 'locations', 'location', 'targets', 'positions',
  'buildings', 'building', 'installations', 'installation', 'airbases', 'airfields', 'depots', 'camps', 'outposts',
  'structures', 'places', 'objects',
  // "destroyed thousands of rocket launcher barrels", "hit 12 launchers": launch equipment hit is a target destroyed.
  'barrels', 'launchers', 'headquarters',
]);

/** Nationality adjectives (and abbreviations) recorded in `detail`. */
export const NATIONALITIES: Record<string, string> = {
  us: 'US', 'u.s.': 'US', american: 'US', usa: 'US', iraqi: 'Iraqi', afghan: 'Afghan', israeli: 'Israeli',
  palestinian: 'Palestinian', syrian: 'Syrian', ukrainian: 'Ukrainian', russian: 'Russian', british: 'British',
  'u.k.': 'British', uk: 'British', kurdish: 'Kurdish', lebanese: 'Lebanese', iranian: 'Iranian', yemeni: 'Yemeni',
  turkish: 'Turkish', french: 'French', german: 'German', canadian: 'Canadian', australian: 'Australian',
  italian: 'Italian', polish: 'Polish', danish: 'Danish', norwegian: 'Norwegian', dutch: 'Dutch', spanish: 'Spanish',
  egyptian: 'Egyptian', jordanian: 'Jordanian', saudi: 'Saudi', emirati: 'Emirati', qatari: 'Qatari',
  pakistani: 'Pakistani', indian: 'Indian', filipino: 'Filipino', nepali: 'Nepali', thai: 'Thai',
};

export const SEVERITY_WORDS = new Set([
  'critically', 'seriously', 'severely', 'gravely', 'moderately', 'slightly', 'lightly', 'mildly', 'minor',
  'critical', 'serious', 'severe', 'moderate',
]);

export const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'jan.', 'feb.',
  'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.',
]);

/** Words after a number that make it a measure, a time or a multiplier rather than a count. */
export const NON_COUNT_FOLLOWERS = new Set([
  'km', 'kms', 'kilometers', 'kilometres', 'kilometer', 'kilometre', 'miles', 'mile', 'mi', 'meters', 'metres',
  'meter', 'metre', 'm', 'mm', 'cm', 'kg', 'kilograms', 'kilos', 'tons', 'tonnes', 'ton', 'pounds', 'lbs', 'feet',
  'foot', 'ft', 'yards', 'nautical', 'hours', 'hour', 'hrs', 'hr', 'minutes', 'minute', 'mins', 'min', 'seconds',
  'second', 'secs', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'decades', 'decade',
  'times', 'percent', 'per', '%', 'degrees', '°', 'kmh', 'mph', 'knots', 'am', 'pm', 'a.m.', 'p.m.', 'gmt', 'utc',
  'local', 'o’clock', "o'clock", 'bc', 'ad', 'millimeter', 'millimetre', 'caliber', 'calibre', 'inch', 'inches',
  'acres', 'hectares', 'dunams', 'liters', 'litres', 'dollars', 'usd', 'euros', '$', 'mw', 'kw',
]);

/** Words before a number that make it a label, an age or a score rather than a count. */
export const NON_COUNT_LEADERS = new Set([
  '#', 'no.', 'number', 'aged', 'age', 'ages', 'flight', 'route', 'highway', 'road', 'article', 'resolution',
  'update', 'brigade', 'division', 'battalion', 'regiment', 'platform', 'gate', 'terminal', 'building', 'room',
  'block', 'sector', 'level', 'phase', 'category', 'version', 'page', 'chapter', 'section', 'paragraph', 'line',
  'page', 'hull', 'tail', 'serial', 'model', 'type', 'mk', 'mark', 'since', 'until', 'till', '$', '€', '£',
]);

/** Cardinal-count blockers before "one": "no one", "the one", "anyone". */
export const ONE_BLOCKERS = new Set(['no', 'any', 'every', 'each', 'the', 'that', 'this', 'which', 'some', 'someone', 'only']);
