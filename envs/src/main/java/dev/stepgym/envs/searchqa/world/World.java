package dev.stepgym.envs.searchqa.world;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The entity graph behind a generated encyclopedia: countries, cities, people, organisations and works,
 * linked by index. Every relation a question follows (founder, birthplace, country, capital, headquarters,
 * creator, publisher, spouse, alma mater, years) is a function, so a chain of them has exactly one answer.
 * Other facts (residence, branch offices, directors, settings, prizes) exist only as distractors in the prose.
 */
final class World {
    static final int PRESENT = 2020;
    static final int NONE = -1;

    enum OrgKind {
        UNIVERSITY("university", List.of("University")),
        PRESS("publishing house", List.of("Press", "Publishing", "Books")),
        STUDIOS("film studio", List.of("Studios", "Pictures", "Films")),
        RECORDS("record label", List.of("Records", "Music", "Sound")),
        INSTITUTE("research institute", List.of("Institute")),
        COMPANY("company", List.of("Industries", "Holdings", "Group")),
        SOCIETY("learned society", List.of("Society", "Academy"));

        final String description;
        final List<String> suffixes;

        OrgKind(String description, List<String> suffixes) {
            this.description = description;
            this.suffixes = suffixes;
        }
    }

    enum WorkKind {
        NOVEL("novel", "novelist", OrgKind.PRESS),
        FILM("film", "film director", OrgKind.STUDIOS),
        ALBUM("album", "musician", OrgKind.RECORDS);

        final String noun;
        final String occupation;
        final OrgKind publisherKind;

        WorkKind(String noun, String occupation, OrgKind publisherKind) {
            this.noun = noun;
            this.occupation = occupation;
            this.publisherKind = publisherKind;
        }
    }

    record Country(String name, String formalName, String language, int independence, int capital) {
    }

    record City(String name, int country, int founded, int population, String river) {
    }

    record Person(String name, String firstName, int birthYear, int birthCity, String occupation, int spouse,
                  int marriageYear, int almaMater, boolean earlyLife, int residence, String parentRole,
                  String parentTrade, int parentCity, int movedTo, int movedAge) {
    }

    /** {@code definite}: the name reads with "the" in a sentence ("the Velmora Institute"). */
    record Organisation(String name, boolean definite, OrgKind kind, int founder, int headquarters, int founded,
                        int director, int branchA, int branchB) {
        String phrase() {
            return definite ? "the " + name : name;
        }
    }

    /** {@code prize}: null when the work won none. */
    record Work(String title, WorkKind kind, int creator, int year, int publisher, int setting, String prize) {
    }

    static final List<String> COUNTRY_ENDINGS = List.of("ia", "ora", "and", "avia", "enne", "aria", "ova");
    static final List<String> COUNTRY_FORMS = List.of("Republic of", "Kingdom of", "Federation of",
            "Commonwealth of", "Grand Duchy of");
    static final List<String> CITY_ENDINGS = List.of("", "", "", "holm", "grad", "mouth", "ford", "vik", "port", "burg");
    static final List<String> LANGUAGE_ENDINGS = List.of("ic", "ish", "ese", "ian");
    static final List<String> FIRST_NAME_ENDINGS = List.of("a", "o", "en", "el", "", "", "");
    static final List<String> SURNAME_ENDINGS = List.of("", "", "", "sen", "ov", "ard", "ley", "ner", "in");
    static final List<String> TRADES = List.of("carpenter", "schoolteacher", "fisherman", "pharmacist", "tailor",
            "railway clerk", "baker", "nurse", "printer", "watchmaker");
    static final List<String> OTHER_OCCUPATIONS = List.of("physicist", "chemist", "architect", "engineer", "painter",
            "economist", "historian", "entrepreneur", "diplomat", "botanist");
    static final List<String> TITLE_ADJECTIVES = List.of("Silent", "Crimson", "Hollow", "Distant", "Broken",
            "Golden", "Quiet", "Burning", "Frozen", "Hidden", "Last", "Restless", "Amber", "Scarlet", "Pale",
            "Wandering", "Silver", "Bitter", "Gentle", "Narrow", "Endless", "Forgotten", "Velvet", "Iron",
            "Copper", "Salt", "Winter", "Summer", "Lonely", "Sleeping", "Rising", "Fallen", "Crooked", "Hungry",
            "Painted", "Glass", "Stone", "Paper", "Midnight", "Northern");
    static final List<String> TITLE_NOUNS = List.of("Harbour", "Orchard", "Lantern", "Meridian", "Tide", "Garden",
            "Mirror", "Compass", "Bridge", "Archive", "Voyage", "Season", "Chorus", "Frontier", "Cathedral",
            "Carnival", "Station", "Lighthouse", "Forest", "Kingdom", "Letter", "Window", "Harvest", "Mountain",
            "Shore", "Crown", "Canal", "Winterlight", "Sparrow", "Falcon", "Thread", "Ember", "Mile", "Island",
            "Signal", "Hours", "Echo", "Rain", "Waltz", "Map");

    final List<Country> countries;
    final List<City> cities;
    final List<Person> people;
    final List<Organisation> organisations;
    final List<Work> works;

    private World(List<Country> countries, List<City> cities, List<Person> people, List<Organisation> organisations,
                  List<Work> works) {
        this.countries = List.copyOf(countries);
        this.cities = List.copyOf(cities);
        this.people = List.copyOf(people);
        this.organisations = List.copyOf(organisations);
        this.works = List.copyOf(works);
    }

    /** Builds the graph; every random choice is drawn from {@code random} in a fixed order. */
    static World generate(SplittableRandom random, WorldSize size, Names names) {
        return new Builder(random, size, names).build();
    }

    private static final class Builder {
        private final SplittableRandom random;
        private final WorldSize size;
        private final Names names;

        Builder(SplittableRandom random, WorldSize size, Names names) {
            this.random = random;
            this.size = size;
            this.names = names;
        }

        World build() {
            List<City> cities = cities();
            List<Country> countries = countries();
            int n = size.people();
            String[] firstNames = new String[Math.max(12, n / 6)];
            for (int i = 0; i < firstNames.length; i++) {
                firstNames[i] = names.root(2, 2, FIRST_NAME_ENDINGS);
            }
            String[] first = new String[n];
            String[] full = new String[n];
            int[] birthYear = new int[n];
            int[] birthCity = new int[n];
            for (int i = 0; i < n; i++) {
                first[i] = firstNames[random.nextInt(firstNames.length)];
                full[i] = first[i] + " " + names.root(2, 2, SURNAME_ENDINGS);
                birthYear[i] = between(1850, 1990);
                birthCity[i] = random.nextInt(cities.size());
            }
            List<Organisation> organisations = organisations(cities, birthYear);
            int[] spouse = new int[n];
            int[] marriageYear = new int[n];
            marry(spouse, marriageYear, birthYear);
            int[] almaMater = almaMaters(organisations, birthYear);
            WorkKind[] creative = new WorkKind[n];
            List<Work> works = works(organisations, cities.size(), birthYear, creative);

            List<Person> people = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String occupation = creative[i] != null ? creative[i].occupation : pick(OTHER_OCCUPATIONS);
                boolean earlyLife = random.nextInt(10) < 4;
                people.add(new Person(full[i], first[i], birthYear[i], birthCity[i], occupation, spouse[i],
                        marriageYear[i], almaMater[i], earlyLife, otherCity(cities.size(), birthCity[i]),
                        random.nextBoolean() ? "mother" : "father", pick(TRADES),
                        otherCity(cities.size(), birthCity[i]), otherCity(cities.size(), birthCity[i]), between(3, 15)));
            }
            return new World(countries, cities, people, organisations, works);
        }

        private List<City> cities() {
            int countries = size.countries();
            List<City> cities = new ArrayList<>();
            for (int i = 0; i < size.cities(); i++) {
                // The first city of each country is its capital, so every country has one.
                int country = i < countries ? i : random.nextInt(countries);
                cities.add(new City(names.root(2, 3, CITY_ENDINGS), country, between(900, 1900),
                        between(200, 30_000) * 100, names.root(2, 2, "")));
            }
            return cities;
        }

        private List<Country> countries() {
            List<Country> countries = new ArrayList<>();
            for (int k = 0; k < size.countries(); k++) {
                String name = names.root(2, 2, COUNTRY_ENDINGS);
                countries.add(new Country(name, pick(COUNTRY_FORMS) + " " + name, names.root(2, 2, LANGUAGE_ENDINGS),
                        between(1800, 1990), k));
            }
            return countries;
        }

        private List<Organisation> organisations(List<City> cities, int[] birthYear) {
            OrgKind[] kinds = OrgKind.values();
            Set<Integer> universityCities = new HashSet<>();
            List<Organisation> organisations = new ArrayList<>();
            for (int i = 0; i < size.organisations(); i++) {
                OrgKind kind = kinds[i % kinds.length];
                int hq = random.nextInt(cities.size());
                String name;
                boolean definite;
                if (kind == OrgKind.UNIVERSITY && random.nextBoolean() && universityCities.add(hq)) {
                    name = "University of " + cities.get(hq).name();
                    definite = true;
                } else {
                    name = names.root(2, 3, "") + " " + pick(kind.suffixes);
                    definite = kind == OrgKind.INSTITUTE || kind == OrgKind.SOCIETY;
                }
                int founder = random.nextInt(birthYear.length);
                int founded = Math.min(PRESENT - 5, birthYear[founder] + between(25, 60));
                int director = otherIndex(birthYear.length, founder);
                int branchA = otherCity(cities.size(), hq);
                int branchB = otherCity(cities.size(), hq);
                organisations.add(new Organisation(name, definite, kind, founder, hq, founded, director, branchA, branchB));
            }
            return organisations;
        }

        private void marry(int[] spouse, int[] marriageYear, int[] birthYear) {
            java.util.Arrays.fill(spouse, NONE);
            int[] order = shuffledIndices(spouse.length);
            int married = spouse.length * 2 / 5 / 2 * 2;
            for (int i = 0; i + 1 < married; i += 2) {
                int a = order[i];
                int b = order[i + 1];
                spouse[a] = b;
                spouse[b] = a;
                int year = Math.min(PRESENT, Math.max(birthYear[a], birthYear[b]) + between(20, 35));
                marriageYear[a] = year;
                marriageYear[b] = year;
            }
        }

        private int[] almaMaters(List<Organisation> organisations, int[] birthYear) {
            int[] almaMater = new int[birthYear.length];
            for (int p = 0; p < birthYear.length; p++) {
                almaMater[p] = NONE;
                if (random.nextInt(10) < 7) {
                    List<Integer> open = new ArrayList<>();
                    for (int o = 0; o < organisations.size(); o++) {
                        Organisation org = organisations.get(o);
                        if (org.kind() == OrgKind.UNIVERSITY && org.founded() <= birthYear[p] + 18 && org.founder() != p) {
                            open.add(o);
                        }
                    }
                    if (!open.isEmpty()) {
                        almaMater[p] = open.get(random.nextInt(open.size()));
                    }
                }
            }
            return almaMater;
        }

        private List<Work> works(List<Organisation> organisations, int cityCount, int[] birthYear, WorkKind[] creative) {
            int[] order = shuffledIndices(birthYear.length);
            int poolSize = Math.max(3, birthYear.length * 35 / 100);
            WorkKind[] kinds = WorkKind.values();
            for (int j = 0; j < poolSize; j++) {
                creative[order[j]] = kinds[j % kinds.length];
            }
            String[] prizes = new String[Math.max(4, size.works() / 40)];
            for (int i = 0; i < prizes.length; i++) {
                prizes[i] = names.root(2, 2, "") + " Prize";
            }
            List<Work> works = new ArrayList<>();
            for (int i = 0; i < size.works(); i++) {
                int creator = order[random.nextInt(poolSize)];
                WorkKind kind = creative[creator];
                List<Integer> publishers = new ArrayList<>();
                for (int o = 0; o < organisations.size(); o++) {
                    if (organisations.get(o).kind() == kind.publisherKind) {
                        publishers.add(o);
                    }
                }
                int year = Math.min(PRESENT, birthYear[creator] + between(20, 65));
                String prize = random.nextInt(10) < 4 ? prizes[random.nextInt(prizes.length)] : null;
                works.add(new Work(title(), kind, creator, year, publishers.get(random.nextInt(publishers.size())),
                        random.nextInt(cityCount), prize));
            }
            return works;
        }

        private String title() {
            for (int attempt = 0; attempt < 1000; attempt++) {
                String title = switch (random.nextInt(4)) {
                    case 0 -> "The " + pick(TITLE_ADJECTIVES) + " " + pick(TITLE_NOUNS);
                    case 1 -> pick(TITLE_ADJECTIVES) + " " + pick(TITLE_NOUNS);
                    case 2 -> "The " + pick(TITLE_NOUNS) + " of " + names.root(2, 2, "");
                    default -> pick(TITLE_ADJECTIVES) + " " + names.root(2, 2, "");
                };
                if (names.claimPhrase(title)) {
                    return title;
                }
            }
            throw new IllegalStateException("ran out of work titles");
        }

        private int between(int low, int high) {
            return low + random.nextInt(high - low + 1);
        }

        private int otherCity(int cityCount, int not) {
            return otherIndex(cityCount, not);
        }

        private int otherIndex(int count, int not) {
            int i = random.nextInt(count - 1);
            return i >= not ? i + 1 : i;
        }

        private int[] shuffledIndices(int n) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            return order;
        }

        private <T> T pick(List<T> options) {
            return options.get(random.nextInt(options.size()));
        }
    }
}
