package dev.stepgym.envs.searchqa.world;

import dev.stepgym.envs.searchqa.world.World.WorkKind;

import java.util.List;

/**
 * A functional relation a question hop follows, with the wording it is asked in. {@link #keys} lists search
 * phrasings, the first being the hop's BM25 query; its keyword is one the gold page's sentence contains
 * (see {@link Encyclopedia}). Phrases for works depend on the work's kind (novels are written, films directed,
 * albums recorded).
 */
enum Relation {
    FOUNDER(Kind.ORG, Kind.PERSON),
    BIRTHPLACE(Kind.PERSON, Kind.CITY),
    BIRTH_YEAR(Kind.PERSON, Kind.YEAR),
    COUNTRY(Kind.CITY, Kind.COUNTRY),
    CAPITAL(Kind.COUNTRY, Kind.CITY),
    HEADQUARTERS(Kind.ORG, Kind.CITY),
    FOUNDING_YEAR(Kind.ORG, Kind.YEAR),
    CREATOR(Kind.WORK, Kind.PERSON),
    PUBLISHER(Kind.WORK, Kind.ORG),
    RELEASE_YEAR(Kind.WORK, Kind.YEAR),
    SPOUSE(Kind.PERSON, Kind.PERSON),
    ALMA_MATER(Kind.PERSON, Kind.ORG);

    /** What an entity reference points at; for {@code YEAR} the index is the year itself. */
    enum Kind { COUNTRY, CITY, PERSON, ORG, WORK, YEAR }

    /** One node of a question's chain. */
    record Ref(Kind kind, int index) {
    }

    final Kind domain;
    final Kind range;

    Relation(Kind domain, Kind range) {
        this.domain = domain;
        this.range = range;
    }

    /** The related entity, or null where the subject has none (no spouse, no alma mater). */
    Ref follow(World w, int s) {
        int target = switch (this) {
            case FOUNDER -> w.organisations.get(s).founder();
            case BIRTHPLACE -> w.people.get(s).birthCity();
            case BIRTH_YEAR -> w.people.get(s).birthYear();
            case COUNTRY -> w.cities.get(s).country();
            case CAPITAL -> w.countries.get(s).capital();
            case HEADQUARTERS -> w.organisations.get(s).headquarters();
            case FOUNDING_YEAR -> w.organisations.get(s).founded();
            case CREATOR -> w.works.get(s).creator();
            case PUBLISHER -> w.works.get(s).publisher();
            case RELEASE_YEAR -> w.works.get(s).year();
            case SPOUSE -> w.people.get(s).spouse();
            case ALMA_MATER -> w.people.get(s).almaMater();
        };
        return target == World.NONE ? null : new Ref(range, target);
    }

    /** The {@link Encyclopedia.Draft#key()} of the page that states this fact about {@code s}. */
    String goldKey(World w, int s) {
        return switch (this) {
            case FOUNDER, HEADQUARTERS, FOUNDING_YEAR -> "org:" + s;
            case BIRTHPLACE, ALMA_MATER -> (w.people.get(s).earlyLife() ? "early:" : "person:") + s;
            case BIRTH_YEAR, SPOUSE -> "person:" + s;
            case COUNTRY -> "city:" + s;
            case CAPITAL -> "country:" + s;
            case CREATOR, PUBLISHER, RELEASE_YEAR -> "work:" + s;
        };
    }

    /** The fact as a question about {@code subject} (a name or a nested noun phrase). */
    String question(World w, int s, String subject) {
        return switch (this) {
            case FOUNDER -> "Who founded " + subject + "?";
            case BIRTHPLACE -> "In which city was " + subject + " born?";
            case BIRTH_YEAR -> "In which year was " + subject + " born?";
            case COUNTRY -> "In which country is " + subject + " located?";
            case CAPITAL -> "What is the capital of " + subject + "?";
            case HEADQUARTERS -> "In which city is " + subject + " headquartered?";
            case FOUNDING_YEAR -> "In which year was " + subject + " founded?";
            case CREATOR -> switch (work(w, s)) {
                case NOVEL -> "Who wrote " + subject + "?";
                case FILM -> "Who directed " + subject + "?";
                case ALBUM -> "Who recorded " + subject + "?";
            };
            case PUBLISHER -> switch (work(w, s)) {
                case NOVEL -> "Which publishing house published " + subject + "?";
                case FILM -> "Which film studio released " + subject + "?";
                case ALBUM -> "Which record label released " + subject + "?";
            };
            case RELEASE_YEAR -> "In which year was " + subject + (work(w, s) == WorkKind.NOVEL ? " published?" : " released?");
            case SPOUSE -> "Who is " + subject + " married to?";
            case ALMA_MATER -> "At which university did " + subject + " study?";
        };
    }

    /** The related entity described through {@code subject}, for nesting ("the founder of the X Institute"). */
    String nounPhrase(World w, int s, String subject) {
        return switch (this) {
            case FOUNDER -> "the founder of " + subject;
            case BIRTHPLACE -> "the birthplace of " + subject;
            case BIRTH_YEAR -> "the birth year of " + subject;
            case COUNTRY -> "the country of " + subject;
            case CAPITAL -> "the capital of " + subject;
            case HEADQUARTERS -> "the city where " + subject + " is headquartered";
            case FOUNDING_YEAR -> "the founding year of " + subject;
            case CREATOR -> switch (work(w, s)) {
                case NOVEL -> "the author of " + subject;
                case FILM -> "the director of " + subject;
                case ALBUM -> "the musician who recorded " + subject;
            };
            case PUBLISHER -> switch (work(w, s)) {
                case NOVEL -> "the publisher of " + subject;
                case FILM -> "the studio that released " + subject;
                case ALBUM -> "the record label that released " + subject;
            };
            case RELEASE_YEAR -> "the release year of " + subject;
            case SPOUSE -> "the spouse of " + subject;
            case ALMA_MATER -> "the university where " + subject + " studied";
        };
    }

    /** Two or three phrasings of the hop's search, BM25 query first; {@code name} is the bare entity name. */
    List<String> keys(World w, int s, String name) {
        return switch (this) {
            case FOUNDER -> List.of(name + " founded by", "who founded " + name, name + " founder");
            case BIRTHPLACE -> List.of(name + " born", "where was " + name + " born", name + " birthplace");
            case BIRTH_YEAR -> List.of(name + " born", "when was " + name + " born", name + " birth year");
            case COUNTRY -> List.of(name + " city country", "which country is " + name + " in", name + " located country");
            case CAPITAL -> List.of(name + " capital", "capital city of " + name, "what is the capital of " + name);
            case HEADQUARTERS -> List.of(name + " headquartered", "where is " + name + " headquartered",
                    name + " headquarters city");
            case FOUNDING_YEAR -> List.of(name + " founded", "when was " + name + " founded", name + " founding year");
            case CREATOR -> switch (work(w, s)) {
                case NOVEL -> List.of(name + " written by", "who wrote " + name, "author of " + name);
                case FILM -> List.of(name + " directed by", "who directed " + name, "director of " + name);
                case ALBUM -> List.of(name + " recorded by", "who recorded " + name, name + " album musician");
            };
            case PUBLISHER -> switch (work(w, s)) {
                case NOVEL -> List.of(name + " published by", "who published " + name, "publisher of " + name);
                case FILM -> List.of(name + " released by", "which studio released " + name, name + " film studio");
                case ALBUM -> List.of(name + " released label", "which label released " + name, name + " record label");
            };
            case RELEASE_YEAR -> work(w, s) == WorkKind.NOVEL
                    ? List.of(name + " published", "when was " + name + " published", name + " publication year")
                    : List.of(name + " released", "when was " + name + " released", name + " release year");
            case SPOUSE -> List.of(name + " married", "who is " + name + " married to", "spouse of " + name);
            case ALMA_MATER -> List.of(name + " studied at", "where did " + name + " study", name + " university");
        };
    }

    private static WorkKind work(World w, int s) {
        return w.works.get(s).kind();
    }
}
