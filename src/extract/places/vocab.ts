/**
 * Word lists the place rules read. Lower-case keys compared with the lower-cased word as written
 * (not the folded gazetteer key), so "Forces" and "forces" compare equal.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Prepositions after which a name locates something ("in Iraq", "into Israel", "from Lebanon"). */
export const LOCATIVE_PREPS = set(`in into inside within from at on onto over across throughout toward towards near off against
around outside beyond nearby across upon between along
у в на по з із над біля поблизу до під
לעבר ליד באזור בתוך`);

/** Verbs whose object is the attacked place ("struck Erbil", "targeted Al Asad"). */
export const ATTACK_VERBS = set(`hit hits struck strikes strike targeted targeting target targets attacked attack attacks
shelled shelling bombed bombing bombarded raided raid stormed entered reached liberated captured seized recaptured
pounded rocked shook hitting striking
атакував атакували атакувала вдарив вдарили вдарила обстріляв обстріляли уразив уразили атаковал атаковали`);

/** Nouns after "of" that make the next name geographic ("areas of Yemen", "the territory of Ukraine"). */
export const GEO_OF_HEADS = set(`area areas part parts territory territories region regions outskirts skies airspace coast
coastline waters border borders interior heart north south east west northeast northwest southeast southwest centre
center vicinity suburbs suburb outskirt district districts neighborhood neighbourhood towns villages cities
communities settlements settlement community kibbutz moshav province provinces city town village countryside direction
directions side edge environs shores soil land lands`);

/** Nouns after a possessive country that make the country the place ("Syria's territory"). */
export const POSSESSIVE_GEO_HEADS = set(`territory territories airspace soil waters land lands border borders coast coastline
north south east west northeast northwest southeast southwest interior`);

/** Nouns after a demonym that make it a place of that country ("Israeli territory"). */
export const DEMONYM_GEO_HEADS = set(`territory territories airspace skies soil waters land lands desert coast coastline`);

/** Nouns after a demonym that locate only when the text has nothing better ("an Iraqi airbase", "Ukrainian targets"). */
export const DEMONYM_FALLBACK_HEADS = set(`base bases airbase airbases airfield airfields target targets city cities town
towns village villages position positions facility facilities infrastructure region regions port ports border`);

/** Adjectives allowed between a demonym and its head ("Iraqi military base", "Ukrainian civilian targets"). */
export const DEMONYM_ADJECTIVES = set(`military air civilian naval army energy critical key border northern southern eastern
western central frontline front-line occupied`);

/**
 * Capitalised words that turn a preceding place name into an organisation, street, holiday, media or event name:
 * "Israel Defense Forces", "Jerusalem Boulevard", "Kyiv Day", "The Jerusalem Post", "Baghdad Time", "Iraq War".
 */
export const NAME_HEADS = set(`defense defence forces force army police ministry government regional authority authorities
council navy security media day boulevard blvd street st road rd avenue ave lane highway square post times independent
today news agency radio tv television bank university club fc united exchange herald observer tribune journal gazette
press institute centre center command operations brigade division corps battalion regiment party front movement committee
commission federation guard guards service office department cell resistance liberation time declaration accords
health interior foreign affairs military administration counter directorate
agreement protocol summit conference process war crisis stadium museum hotel mall company airways airlines railways
studies studio report monitor observatory foundation fund network channel chronicle daily weekly express courier
mirror standard telegraph sun review league cup marathon festival week month valley heights strip mountains mountain
river desert plain plains peninsula lake basin fleet flotilla gate gates mosque church shrine prison`);

/** Lower-case words after a place name that make it a clock zone or a political label ("Sanaa time", "the Kyiv regime"). */
export const LOWER_NAME_HEADS = set(`time regime junta crude`);

/** Capitalised words that, followed by "of", make the next place part of a name ("Armed Forces of Ukraine"). */
export const NAME_OF_HEADS = set(`forces force ministry ministries government times university bank president minister
embassy council army navy chief commander governor mayor ambassador king queen prince emir sultan people friends
parliament assembly court church patriarch bishop archbishop cathedral mosque museum bishopric party
academy institute college school hospital resistance`);

/** Words before a name that make it a person's ("President Assad", "Gen. Tahseen al-Khafaji"). */
export const PERSON_TITLES = set(`president prime minister king queen prince princess sheikh shaikh emir sultan gen general
col colonel lt lieutenant maj major capt captain sgt sergeant adm admiral mr mrs ms dr imam ayatollah sayyed sayyid mullah
commander spokesman spokeswoman spokesperson bashar hafez maher asma mohammed muhammad ali hassan hussein abu umm bin ibn
saint st pope rabbi father brother sister`);

/** Ship prefixes: the capitalised words after them are a ship's name ("USS Mason"). */
export const SHIP_PREFIXES = set(`uss hms ins mv m/v fs hmcs hnlms its rfs ns`);

/** Nouns after a country that make it an attribute ("US forces", "Iraq war" is handled by NAME_HEADS). */
export const ATTRIBUTIVE_HEADS = set(`military forces troops personnel service servicemen servicemembers soldiers officials
official army navy government embassy base bases facility facilities citizens nationals contractor contractors defense
defence air drone drones strike strikes warplanes warplane jets jet ships ship vessels vessel coalition authorities
spokesman spokesperson sources media president leader leaders intelligence operation operations officer officers diplomats
diplomat envoy ambassador administration side team delegation company companies firm firms`);

/** Speech and stance verbs: a place name as their subject is a government, not a location ("Kyiv said"). */
export const SPEECH_VERBS = set(`said says say announced announces claimed claims denied denies accused accuses warned
warns confirmed confirms stated states vowed vows condemned condemns insisted insists responded responds blamed blames
called calls urged urges rejected rejects threatened threatens demanded demands reported reports told tells added adds
believes believed argued argues acknowledged acknowledges admitted admits promised promises signalled signaled retaliated
retaliates comment comments commented`);

/** Words between a metonymic subject and its speech verb ("Kyiv does not usually comment"). */
export const SPEECH_LEADS = set(`has have had will would could may might did does do is was not never rarely usually often also
later quickly immediately swiftly officially publicly yet`);

/** Auxiliaries between a metonymic subject and its verb ("Moscow has denied"). */
export const AUXILIARIES = set(`has have had will would could may might did does is was`);

/** Launch words: a "from X" in the same sentence is the launch origin. */
export const LAUNCH_WORDS = set(`fired fire fires firing launched launch launches launching shot shoots salvo salvos
barrage barrages rocket rockets missile missiles drone drones uav uavs projectile projectiles mortar mortars shell shells
katyusha katyushas shahed shaheds launcher launchers
انطلق انطلقا انطلقت انطلقوا أطلق اطلق أطلقت اطلقت إطلاق اطلاق صاروخ صاروخين صواريخ قذيفة قذائف مسيرة مسيرات
запустив запустили випустив випустили запущено ракети ракет дронів шахедів שוגרו נורו שיגור שיגורים רקטות רקטה טילים טיל`);

/** Munition nouns: a place name right before them is a weapon's name ("Shahed drones"), a country before them an origin. */
export const MUNITION_NOUNS = set(`rocket rockets missile missiles drone drones uav uavs projectile projectiles mortar mortars
shell shells katyusha katyushas bomb bombs`);

/** Names of weapons that are also place names somewhere. */
export const WEAPON_NAMES = set(`shahed kalibr iskander kinzhal tochka burkan quds toufan samad zulfiqar fateh kheibar
emad sejjil ghadr shahab grad uragan smerch tornado geran lancet onyx oniks scalp atacms patriot arrow hellfire tomahawk
harpoon neptune zircon oreshnik bayraktar orlan mohajer ababil qasef sammad jaffa palestine`);

/** Verbs of launching whose subject country is the origin ("Iran launched ... missiles"). */
export const ORIGIN_VERBS = set(`fired launched fires launches shot`);

/** Words that start a clause about another (background) event: places in it are not this event's. */
export const BACKGROUND_TRIGGERS: readonly string[][] = [
  ['series', 'of'], ['in', 'response', 'to'], ['in', 'retaliation', 'for'], ['retaliation', 'for'], ['recent', 'attacks'],
  ['previous', 'attack'], ['previous', 'attacks'], ['earlier', 'attack'], ['earlier', 'attacks'], ['last', 'year'],
  ['similar', 'attack'], ['similar', 'attacks'], ['a', 'year', 'ago'], ['since'], ['wave', 'of', 'attacks'], ['in', 'the', 'past'],
  ['anniversary', 'of'], ['reminiscent', 'of'], ['comes', 'after'], ['came', 'after'], ['weeks', 'after'], ['days', 'after'],
  ['months', 'after'], ['year', 'after'], ['years', 'after'], ['similar', 'strike'], ['similar', 'strikes'], ['previous', 'strike'],
  ['previous', 'strikes'], ['earlier', 'strike'], ['earlier', 'strikes'],
  // A description of another place, not the event: "Baghdad's Green Zone, home to the US embassy".
  ['home', 'to'],
  // Another event of the same night: "..., hours after drones targeted Odesa", "The blast came hours after ...".
  ['hours', 'after'], ['day', 'after'], ['week', 'after'], ['month', 'after'], ['day', 'before'], ['days', 'before'],
  ['week', 'before'], ['weeks', 'before'],
  // Habits and standing facts, not this event: "Kyiv does not usually comment on attacks on Russian territory",
  // "Some 900 U.S. troops are deployed in Syria".
  ['usually'], ['typically'], ['routinely'], ['are', 'deployed'], ['are', 'stationed'], ['is', 'deployed'], ['is', 'stationed'],
  ['remain', 'deployed'], ['remain', 'stationed'],
  // Vows about what a side will go on doing, not this event: "Our forces will continue to prevent ships from
  // sailing the Red Sea until the aggression on Gaza stops".
  ['will', 'continue'], ['will', 'not', 'stop'], ['will', 'keep'], ['until', 'the', 'aggression'], ['until', 'the', 'siege'],
];

/** Nouns that make a following "in X" locate a source ("sources in eastern Syria", "officials in Baghdad"). */
export const SOURCE_NOUNS = set(`sources source officials official witnesses witness correspondent correspondents reporter
reporters journalist journalists media outlets outlet spokesman spokesperson spokeswoman activists activist monitors
monitor residents resident analysts analyst diplomats diplomat ministry ministries government authorities authority
police`);

/** Words that introduce a source phrase ("reports from the coalition in Iraq", "according to officials in Kyiv"). */
export const SOURCE_INTRO: readonly string[][] = [['reports', 'from'], ['report', 'from'], ['statement', 'from'], ['according', 'to'], ['reported', 'by'], ['quoted', 'by']];

/** Nouns that make a following "in X" locate a hospital only. */
export const HOSPITAL_NOUNS = set(`hospital hospitals clinic clinics morgue morgues medical infirmary`);

/** Generic facility nouns: "the airport in Kabul" names the airport of the city. */
export const FACILITY_NOUNS: ReadonlyMap<string, 'airport' | 'airbase'> = new Map([
  ['airport', 'airport'], ['airbase', 'airbase'], ['airfield', 'airbase'], ['base', 'airbase'],
]);

/** Words between a town's possessive and its facility ("Kabul's military airport", "Erbil's international airport"). */
export const FACILITY_MODIFIERS = set(`military international main civilian air old new`);

/** Nouns after an unknown capitalised name that make it a small place ("the Al-Mo’asasa neighborhood"). */
export const SUBPLACE_NOUNS: ReadonlyMap<string, 'site' | 'city'> = new Map([
  ['neighborhood', 'site'], ['neighbourhood', 'site'], ['district', 'site'], ['quarter', 'site'], ['suburb', 'site'],
  ['village', 'city'], ['town', 'city'], ['area', 'site'], ['camp', 'site'], ['tehsil', 'site'], ['bazaar', 'site'], ['market', 'site'],
  // Ukrainian hromadas: "the Krasnopillia and Yunakivka communities".
  ['community', 'city'], ['communities', 'city'], ['hromada', 'city'], ['hromadas', 'city'],
]);
/** Sub-place nouns that are not part of the place's name ("the Al-Bu Aitha area" is Al-Bu Aitha). */
export const SUBPLACE_UNNAMED = set(`area community communities hromada hromadas`);

/** Nouns after a name that make it a part of a town ("the Zhuravlivka neighbourhood"). */
export const NEIGHBOURHOOD_NOUNS = set(`neighbourhood neighborhood neighbourhoods neighborhoods quarter suburb microdistrict`);

/** Nouns before an unknown capitalised name that make it a small place ("the village of Shtula"). */
export const SUBPLACE_OF_NOUNS: ReadonlyMap<string, 'site' | 'city'> = new Map([
  ['village', 'city'], ['town', 'city'], ['neighborhood', 'site'], ['neighbourhood', 'site'], ['district', 'site'],
]);

/** Compass words before "of" ("north of Baghdad", "80 km northwest of Baghdad"): the place is a reference point. */
export const COMPASS = set(`north south east west northeast northwest southeast southwest north-east north-west south-east
south-west northeastern northwestern`);

/** Units that make "from X" a distance ("2km from the embassy"). */
export const DISTANCE_UNITS = set(`km kms kilometers kilometres kilometer kilometre miles mile meters metres meter metre m yards feet`);

/** Nouns after "X-Y": the pair names a road or line, not two places ("the Baghdad-Kirkuk highway"). */
export const ROUTE_NOUNS = set(`highway road route railway railroad pipeline motorway expressway corridor line border frontier`);

/** Arabic prepositions and place nouns (read separately: no case, attached articles). */
export const ARABIC_FROM = set(`من`);
export const ARABIC_PLACE_NOUNS = set(`منطقة مدينة قضاء ناحية محافظة بلدة قرية مخيم قاعدة مطار حي نهر مدينه`);
export const ARABIC_LOCATIVE = set(`في على الى إلى باتجاه نحو قرب بالقرب داخل عند`);
/** Arabic nouns of a country's space before its adjective or name ("الأجواء الأردنية": Jordanian airspace). */
export const ARABIC_GEO_HEADS = set(`أجواء الأجواء أراضي الأراضي مياه المياه سماء الأراضى`);

/** Media and armed-group names that contain place names; never locations. */
export const ORG_NAMES: readonly string[] = [
  'Al Jazeera', 'Al Arabiya', 'Al Mayadeen', 'Al Manar', 'Al Masirah', 'Al Hadath', 'Al Sumaria', 'Al Quds Al Arabi',
  'Al Akhbar', 'Al Ahram', 'Asharq Al-Awsat', 'Kurdistan 24', 'Kurdistan24', 'Times of Israel', 'Jerusalem Post',
  'Kyiv Independent', 'Kyiv Post', 'Tehran Times', 'Baghdad Today', 'Shafaq News', 'Ukrainska Pravda', 'Press TV',
  'Saba news agency', 'Yemen Today', 'Islamic Resistance in Iraq', "Kata'ib Hezbollah", 'Kataib Hezbollah',
  "Kata'ib Sayyid al-Shuhada", 'Kataib Sayyid al-Shuhada', "Asa'ib Ahl al-Haq", 'Asaib Ahl al-Haq', 'Harakat al-Nujaba',
  'Popular Mobilization Forces', 'Popular Mobilisation Forces', 'Armed Forces of Ukraine', 'Israel Defense Forces',
  'Israel Defence Forces', 'Israeli Air Force', 'Security Media Cell', 'Joint Operations Command', 'Kurdistan Regional Government',
  'Kurdistan Democratic Party', 'Patriotic Union of Kurdistan', 'Magen David Adom', 'Syrian Observatory for Human Rights',
  'Syrian Democratic Forces', 'Iraqi Security Forces', 'Palestinian Islamic Jihad', 'Palestinian Authority',
  'State Emergency Service of Ukraine', 'Iron Dome', "David's Sling", 'Army of Islam', 'Central Command', 'European Command',
  'Gaza Health Ministry', 'Lebanon Health Ministry', 'UN Interim Force in Lebanon', 'United Nations Interim Force in Lebanon',
  'Islamic State in Iraq and Syria', 'Islamic State in Iraq and the Levant', 'Islamic State of Iraq and Syria',
  'Islamic State of Iraq and the Levant', 'Islamic State in Iraq', 'Islamic State of Iraq', 'Islamic State Khorasan',
  'Islamic State Khorasan Province', 'Combined Joint Task Force', 'NATO Mission Iraq', 'UN Assistance Mission for Iraq',
  // Arabic forms of the same kind of names.
  'المقاومة الإسلامية في العراق', 'حكومة إقليم كردستان', 'الحزب الديمقراطي الكردستاني', 'الاتحاد الوطني الكردستاني',
  'القوات المسلحة اليمنية', 'القوات المسلحة الأردنية', 'الجيش العربي السوري', 'الجيش اللبناني', 'الجيش العراقي',
];

/** Nouns after a town or province name that make it an institution's attribute ("a Kyiv court", "Baghdad officials"). */
export const INSTITUTION_NOUNS = set(`court government officials official authorities police council administration mayor governor
spokesman spokesperson native university club newspaper daily prosecutor prosecutors regional military garrison command
health interior defence defense foreign civil emergency`);

/** Adjectives between a place and its institution noun ("Parwan provincial officials", "Gaza city authorities"). */
export const INSTITUTION_ADJECTIVES = set(`provincial local regional municipal city district state governorate oblast county security
police military`);

/** Nouns after a sea or river that make it a modifier of the town named next ("the Black Sea port city of Odesa"). */
export const WATER_MODIFIED_NOUNS = set(`port ports city town resort harbour harbor coastal naval`);

/** Nouns after a place's possessive that make it an owner, not a location ("Kyiv's mayor", "the region's counter-terrorism service"). */
export const OWNER_NOUNS = set(`mayor governor military administration police authorities officials official council government
army leadership president ministry counter security interior health civil emergency defence defense foreign media spokesman
spokesperson prime service services forces air navy intelligence leader leaders envoy ambassador people residents population
economy history response allies ally position stance decision request war top chief head state national state-run`);

/** Words before a capitalised name that do not make it part of a longer name ("and Kirkuk", "the Erbil ..."). */
export const FUNCTION_WORDS = set(`the a an and or but this that both as while when after before if then by to for of with between
about like including via than`);

/** Prepositions that locate a country only in a sentence about an attack ("sanctions against Iran" is not a place). */
export const EVENT_PREPS = set(`against on onto upon at toward towards from between over`);

/** Words after a town that name the subdivision around it ("Bannu District", "Zhob Division"). */
export const SUBDIVISION_WORDS = set(`district province governorate oblast region raion agency tehsil division county subdistrict`);

/**
 * Capitalised nouns that stand for a place of that kind already named in the text, by country code or place id:
 * "the Kingdom's airspace" in a Jordanian post, "across the Strip" in a post about Gaza.
 */
export const PLACE_ANAPHORS: ReadonlyMap<string, readonly string[]> = new Map([
  ['kingdom', ['JO', 'SA', 'BH', 'MA']],
  ['sultanate', ['OM']],
  ['strip', ['PS.gaza-strip']],
]);

/** Armed groups and forces written like names: "near Hamas" is not an unlisted village. */
export const ACTOR_NAMES = set(`hamas hezbollah hizbollah houthi houthis ansarallah taliban shabaab wagner akhmat azov isis isil daesh pkk ypg sdf
ttp bla idf irgc quds qassam nujaba kataib jihad`);

/** Capitalised words after a town that name a part or facility of it ("Kiev Airport", "Odessa Port", "Gaza City"). */
export const PLACE_HEAD_WORDS = set(`airport airbase airfield base port harbour harbor city town village camp station refinery bay island
bridge dam plant square cantonment cantt valley heights hills`);

/** Weekdays and months: "Kharkiv Monday" is not a person's name. */
export const CALENDAR = set(`monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec`);

/** Words that may come between a launch verb and its count ("fired more than a dozen", "a total of 15"). */
export const QUANTITY_LEAD = set(`a an more than at least about around nearly some total of over up to approximately approx roughly
almost another dozens several multiple two three`);

/** Words that begin a launched object ("fired three", "launched a barrage", "fired ballistic missiles"). */
export const NUMBER_WORDS = set(`one two three four five six seven eight nine ten eleven twelve dozen dozens twenty thirty forty fifty
hundred hundreds several multiple barrage salvo ballistic cruise drones missiles rockets`);

/** Adjectives allowed between a possessive and the place it contains ("Iraq's semi-autonomous Kurdish region"). */
export const ADJECTIVE_LIKE = set(`semi autonomous northern southern eastern western central occupied main largest second biggest key
strategic southernmost northernmost restive oil port industrial coastal frontline capital`);
