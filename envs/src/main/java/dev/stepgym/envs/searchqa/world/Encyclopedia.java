package dev.stepgym.envs.searchqa.world;

import dev.stepgym.envs.searchqa.world.World.City;
import dev.stepgym.envs.searchqa.world.World.Country;
import dev.stepgym.envs.searchqa.world.World.OrgKind;
import dev.stepgym.envs.searchqa.world.World.Organisation;
import dev.stepgym.envs.searchqa.world.World.Person;
import dev.stepgym.envs.searchqa.world.World.Work;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the world's facts as encyclopedic prose: one page per entity, plus "Early life of …" for some people
 * (their birthplace and studies then live only there). Each page also names neighbouring entities (cities a
 * person lived in, an organisation's branch offices and director, a work's setting) so a search for one entity
 * returns several plausible pages and a reader must pick the right sentence.
 *
 * <p>The wording of each fact contains the keyword of the query that looks it up ({@code founded},
 * {@code born}, {@code headquartered}, {@code country}, {@code capital}, {@code married}, {@code studied},
 * {@code written}, {@code directed}, {@code recorded}, {@code published}, {@code released}).
 */
final class Encyclopedia {
    /** Every word the templates use; reserved so no invented name collides with them. */
    static final String VOCABULARY = "officially country capital city cities include other official language became "
            + "independent lies river population founded organisations headquartered notable people born known "
            + "best married since studied later details childhood given early life mother father from when family "
            + "moved also has offices current director published include books films released albums label "
            + "alumni novel written set story won prize film directed album recorded university publishing house "
            + "studio record research institute company learned society largest serves seat government first "
            + "remains figure age lives works";

    private final World world;
    private final SplittableRandom random;
    private final List<Draft> drafts = new ArrayList<>();

    /** A page before it has an id; {@code key} names what it describes, e.g. {@code person:12}, {@code early:12}. */
    record Draft(String key, String title, String text) {
    }

    private Encyclopedia(World world, SplittableRandom random) {
        this.world = world;
        this.random = random;
    }

    static List<Draft> write(World world, SplittableRandom random) {
        Encyclopedia e = new Encyclopedia(world, random);
        for (int i = 0; i < world.countries.size(); i++) {
            e.country(i);
        }
        for (int i = 0; i < world.cities.size(); i++) {
            e.city(i);
        }
        for (int i = 0; i < world.people.size(); i++) {
            e.person(i);
        }
        for (int i = 0; i < world.organisations.size(); i++) {
            e.organisation(i);
        }
        for (int i = 0; i < world.works.size(); i++) {
            e.work(i);
        }
        return e.drafts;
    }

    private void country(int k) {
        Country c = world.countries.get(k);
        String capital = world.cities.get(c.capital()).name();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < world.cities.size() && others.size() < 4; i++) {
            if (world.cities.get(i).country() == k && i != c.capital()) {
                others.add(world.cities.get(i).name());
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(c.name()).append(", officially the ").append(c.formalName()).append(", is a country whose capital is ")
                .append(capital).append(". ");
        if (!others.isEmpty()) {
            text.append("Other cities in ").append(c.name()).append(" include ").append(list(others)).append(". ");
        }
        text.append("The official language of ").append(c.name()).append(" is ").append(c.language()).append(". ");
        text.append(c.name()).append(" became an independent country in ").append(c.independence()).append('.');
        add("country:" + k, c.name(), text);
    }

    private void city(int i) {
        City c = world.cities.get(i);
        Country country = world.countries.get(c.country());
        StringBuilder text = new StringBuilder();
        if (country.capital() == i) {
            text.append(c.name()).append(" is the capital and largest city of the country of ").append(country.name())
                    .append(", and the seat of its government. ");
        } else if (random.nextBoolean()) {
            text.append(c.name()).append(" is a city in the country of ").append(country.name()).append(". ");
        } else {
            text.append(c.name()).append(" is a city on the ").append(c.river()).append(" River in ")
                    .append(country.name()).append(", a country whose capital is ")
                    .append(world.cities.get(country.capital()).name()).append(". ");
        }
        text.append("It lies on the ").append(c.river()).append(" River and had a population of ")
                .append(String.format(Locale.ROOT, "%,d", c.population())).append(" in ").append(World.PRESENT).append(". ");
        text.append("The city was founded in ").append(c.founded()).append(". ");
        List<String> orgs = new ArrayList<>();
        for (Organisation o : world.organisations) {
            if (o.headquarters() == i && orgs.size() < 3) {
                orgs.add(o.phrase());
            }
        }
        if (!orgs.isEmpty()) {
            text.append("Organisations headquartered in ").append(c.name()).append(" include ").append(list(orgs)).append(". ");
        }
        List<String> natives = new ArrayList<>();
        for (Person p : world.people) {
            if (p.birthCity() == i && natives.size() < 3) {
                natives.add(p.name());
            }
        }
        if (!natives.isEmpty()) {
            text.append("Notable people born in ").append(c.name()).append(" include ").append(list(natives)).append('.');
        }
        add("city:" + i, c.name(), text);
    }

    private void person(int i) {
        Person p = world.people.get(i);
        StringBuilder text = new StringBuilder();
        text.append(p.name()).append(" (born ").append(p.birthYear()).append(") is ").append(article(p.occupation()))
                .append(' ').append(p.occupation()).append(" who lives in ").append(world.cities.get(p.residence()).name())
                .append(". ");
        List<String> works = new ArrayList<>();
        for (Work w : world.works) {
            if (w.creator() == i && works.size() < 3) {
                works.add(w.title());
            }
        }
        if (!works.isEmpty()) {
            text.append(p.firstName()).append(" is best known for ").append(list(works)).append(". ");
        }
        List<String> directed = new ArrayList<>();
        for (Organisation o : world.organisations) {
            if (o.founder() == i) {
                text.append("In ").append(o.founded()).append(", ").append(p.name()).append(" founded ")
                        .append(o.phrase()).append(". ");
            }
            if (o.director() == i) {
                directed.add(o.phrase());
            }
        }
        if (!directed.isEmpty()) {
            text.append(p.firstName()).append(" is the current director of ").append(list(directed)).append(". ");
        }
        if (p.spouse() != World.NONE) {
            text.append(p.name()).append(" has been married to ").append(world.people.get(p.spouse()).name())
                    .append(" since ").append(p.marriageYear()).append(". ");
        }
        if (p.earlyLife()) {
            text.append("Details of ").append(p.firstName()).append("'s childhood are given in Early life of ")
                    .append(p.name()).append('.');
        } else {
            text.append(p.name()).append(" was born in ").append(world.cities.get(p.birthCity()).name()).append(" in ")
                    .append(p.birthYear()).append('.');
            if (p.almaMater() != World.NONE) {
                text.append(' ').append(p.firstName()).append(" studied at ")
                        .append(world.organisations.get(p.almaMater()).phrase()).append('.');
            }
        }
        add("person:" + i, p.name(), text);
        if (p.earlyLife()) {
            earlyLife(i, p);
        }
    }

    private void earlyLife(int i, Person p) {
        StringBuilder text = new StringBuilder();
        text.append(p.name()).append(" was born in ").append(p.birthYear()).append(" in the city of ")
                .append(world.cities.get(p.birthCity()).name()).append(". ");
        text.append(p.firstName()).append("'s ").append(p.parentRole()).append(" was ").append(article(p.parentTrade()))
                .append(' ').append(p.parentTrade()).append(" from ").append(world.cities.get(p.parentCity()).name())
                .append(". ");
        text.append("When ").append(p.firstName()).append(" was ").append(p.movedAge()).append(", the family moved to ")
                .append(world.cities.get(p.movedTo()).name()).append('.');
        if (p.almaMater() != World.NONE) {
            text.append(' ').append(p.name()).append(" later studied at ")
                    .append(world.organisations.get(p.almaMater()).phrase()).append('.');
        }
        add("early:" + i, earlyLifeTitle(p), text);
    }

    static String earlyLifeTitle(Person p) {
        return "Early life of " + p.name();
    }

    private void organisation(int i) {
        Organisation o = world.organisations.get(i);
        String subject = Names.capitalise(o.phrase());
        StringBuilder text = new StringBuilder();
        text.append(subject).append(" is ").append(article(o.kind().description)).append(' ').append(o.kind().description)
                .append(" headquartered in ").append(world.cities.get(o.headquarters()).name()).append(". ");
        text.append("It was founded in ").append(o.founded()).append(" by ").append(world.people.get(o.founder()).name())
                .append(". ");
        text.append(subject).append(" also has offices in ").append(world.cities.get(o.branchA()).name()).append(" and ")
                .append(world.cities.get(o.branchB()).name()).append(". ");
        text.append("Its current director is ").append(world.people.get(o.director()).name()).append('.');
        List<String> related = new ArrayList<>();
        if (o.kind() == OrgKind.UNIVERSITY) {
            for (Person p : world.people) {
                if (p.almaMater() == i && related.size() < 3) {
                    related.add(p.name());
                }
            }
            if (!related.isEmpty()) {
                text.append(" Alumni of ").append(o.phrase()).append(" include ").append(list(related)).append('.');
            }
        } else {
            for (Work w : world.works) {
                if (w.publisher() == i && related.size() < 3) {
                    related.add(w.title());
                }
            }
            if (!related.isEmpty()) {
                String lead = switch (o.kind()) {
                    case PRESS -> " Books published by ";
                    case STUDIOS -> " Films released by ";
                    default -> " Albums released on the label of ";
                };
                text.append(lead).append(o.phrase()).append(" include ").append(list(related)).append('.');
            }
        }
        add("org:" + i, o.name(), text);
    }

    private void work(int i) {
        Work w = world.works.get(i);
        String creator = world.people.get(w.creator()).name();
        Organisation publisher = world.organisations.get(w.publisher());
        String setting = world.cities.get(w.setting()).name();
        StringBuilder text = new StringBuilder();
        switch (w.kind()) {
            case NOVEL -> text.append(w.title()).append(" is a novel written by ").append(creator)
                    .append(" and published by ").append(publisher.phrase()).append(" in ").append(w.year())
                    .append(". The story is set in ").append(setting).append('.');
            case FILM -> text.append(w.title()).append(" is a ").append(w.year()).append(" film directed by ")
                    .append(creator).append(". It was released by ").append(publisher.phrase()).append(" in ")
                    .append(w.year()).append(". The film is set in ").append(setting).append('.');
            case ALBUM -> text.append(w.title()).append(" is an album recorded by ").append(creator).append(" in ")
                    .append(setting).append(". It was released on the label of ").append(publisher.phrase())
                    .append(" in ").append(w.year()).append('.');
        }
        if (w.prize() != null) {
            text.append(" The ").append(w.kind().noun).append(" won the ").append(w.prize()).append(" in ")
                    .append(Math.min(World.PRESENT, w.year() + 1)).append('.');
        }
        add("work:" + i, w.title(), text);
    }

    private void add(String key, String title, StringBuilder text) {
        drafts.add(new Draft(key, title, text.toString().strip()));
    }

    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String article(String noun) {
        // "a university": a leading "u" sounding "you" takes "a".
        boolean vowelSound = "aeio".indexOf(noun.charAt(0)) >= 0 || (noun.startsWith("u") && !noun.startsWith("uni"));
        return vowelSound ? "an" : "a";
    }
}
