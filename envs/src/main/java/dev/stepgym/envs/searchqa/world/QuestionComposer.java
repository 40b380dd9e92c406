package dev.stepgym.envs.searchqa.world;

import dev.stepgym.envs.searchqa.world.Relation.Kind;
import dev.stepgym.envs.searchqa.world.Relation.Ref;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.stepgym.envs.searchqa.world.Relation.ALMA_MATER;
import static dev.stepgym.envs.searchqa.world.Relation.BIRTHPLACE;
import static dev.stepgym.envs.searchqa.world.Relation.BIRTH_YEAR;
import static dev.stepgym.envs.searchqa.world.Relation.CAPITAL;
import static dev.stepgym.envs.searchqa.world.Relation.COUNTRY;
import static dev.stepgym.envs.searchqa.world.Relation.CREATOR;
import static dev.stepgym.envs.searchqa.world.Relation.FOUNDER;
import static dev.stepgym.envs.searchqa.world.Relation.FOUNDING_YEAR;
import static dev.stepgym.envs.searchqa.world.Relation.HEADQUARTERS;
import static dev.stepgym.envs.searchqa.world.Relation.PUBLISHER;
import static dev.stepgym.envs.searchqa.world.Relation.SPOUSE;

/**
 * Composes multi-hop questions by walking relation chains from a random start entity. A chain is rejected when
 * a relation is missing (no spouse) or an entity comes back (a founder who studied at their own university), and
 * a question whose text was already asked is not asked again. Mix: 45% two hops, 35% three, 20% four.
 */
final class QuestionComposer {
    static final List<List<Relation>> TWO_HOPS = List.of(
            List.of(FOUNDER, BIRTHPLACE), List.of(FOUNDER, BIRTH_YEAR), List.of(HEADQUARTERS, COUNTRY),
            List.of(CREATOR, BIRTHPLACE), List.of(CREATOR, BIRTH_YEAR), List.of(PUBLISHER, FOUNDING_YEAR),
            List.of(PUBLISHER, HEADQUARTERS), List.of(BIRTHPLACE, COUNTRY), List.of(SPOUSE, BIRTHPLACE),
            List.of(ALMA_MATER, FOUNDER), List.of(CREATOR, SPOUSE), List.of(PUBLISHER, FOUNDER));
    static final List<List<Relation>> THREE_HOPS = List.of(
            List.of(FOUNDER, BIRTHPLACE, COUNTRY), List.of(CREATOR, BIRTHPLACE, COUNTRY),
            List.of(PUBLISHER, HEADQUARTERS, COUNTRY), List.of(PUBLISHER, FOUNDER, BIRTHPLACE),
            List.of(SPOUSE, BIRTHPLACE, COUNTRY), List.of(ALMA_MATER, HEADQUARTERS, COUNTRY),
            List.of(HEADQUARTERS, COUNTRY, CAPITAL), List.of(CREATOR, ALMA_MATER, FOUNDING_YEAR),
            List.of(CREATOR, SPOUSE, BIRTH_YEAR));
    static final List<List<Relation>> FOUR_HOPS = List.of(
            List.of(PUBLISHER, FOUNDER, BIRTHPLACE, COUNTRY), List.of(CREATOR, SPOUSE, BIRTHPLACE, COUNTRY),
            List.of(CREATOR, ALMA_MATER, HEADQUARTERS, COUNTRY), List.of(FOUNDER, SPOUSE, BIRTHPLACE, COUNTRY),
            List.of(SPOUSE, ALMA_MATER, FOUNDER, BIRTHPLACE));
    /** Chains that fail this many times in a row mean the world has run out of new questions. */
    private static final int MAX_CONSECUTIVE_MISSES = 20_000;

    private final World world;
    private final Map<String, String> documentIdByKey;
    private final SplittableRandom random;

    /** A question before it has an id and a split. */
    record Draft(String text, String answer, List<String> aliases, List<Hop> hops, List<String> supportingDocumentIds,
                 List<List<String>> searchKeys) {
    }

    QuestionComposer(World world, Map<String, String> documentIdByKey, SplittableRandom random) {
        this.world = world;
        this.documentIdByKey = documentIdByKey;
        this.random = random;
    }

    /** {@code count} distinct questions, or an IllegalArgumentException when the world is too small for them. */
    List<Draft> compose(int count) {
        List<Draft> out = new ArrayList<>(count);
        Set<String> asked = new HashSet<>();
        int misses = 0;
        while (out.size() < count) {
            if (misses > MAX_CONSECUTIVE_MISSES) {
                throw new IllegalArgumentException("the world is too small for " + count
                        + " distinct questions; only " + out.size() + " could be composed");
            }
            int roll = random.nextInt(100);
            List<List<Relation>> chains = roll < 45 ? TWO_HOPS : roll < 80 ? THREE_HOPS : FOUR_HOPS;
            List<Relation> chain = chains.get(random.nextInt(chains.size()));
            Draft draft = walk(chain, random.nextInt(count(chain.get(0).domain)));
            if (draft != null && asked.add(draft.text())) {
                out.add(draft);
                misses = 0;
            } else {
                misses++;
            }
        }
        return out;
    }

    private Draft walk(List<Relation> chain, int start) {
        Ref subject = new Ref(chain.get(0).domain, start);
        Set<Ref> seen = new HashSet<>(Set.of(subject));
        List<Hop> hops = new ArrayList<>();
        List<List<String>> searchKeys = new ArrayList<>();
        Set<String> supporting = new LinkedHashSet<>();
        // phrases.get(i): hop i's subject described from the start entity ("the founder of the X Institute").
        List<String> phrases = new ArrayList<>(List.of(phrase(subject)));
        List<Integer> subjects = new ArrayList<>();
        for (Relation relation : chain) {
            Ref next = relation.follow(world, subject.index());
            if (next == null || (next.kind() != Kind.YEAR && !seen.add(next))) {
                return null;
            }
            String documentId = documentIdByKey.get(relation.goldKey(world, subject.index()));
            List<String> keys = relation.keys(world, subject.index(), name(subject));
            hops.add(new Hop(relation.question(world, subject.index(), phrase(subject)), keys.get(0), name(next),
                    documentId));
            searchKeys.add(keys);
            supporting.add(documentId);
            phrases.add(relation.nounPhrase(world, subject.index(), phrases.get(phrases.size() - 1)));
            subjects.add(subject.index());
            subject = next;
        }
        return new Draft(questionText(chain, phrases, subjects), name(subject), aliases(subject), hops,
                List.copyOf(supporting), searchKeys);
    }

    /** The last hop asked about its nested subject; "born in" or "headquartered in" + country read better fused. */
    private String questionText(List<Relation> chain, List<String> phrases, List<Integer> subjects) {
        int last = chain.size() - 1;
        if (chain.get(last) == COUNTRY && last >= 1) {
            String inner = phrases.get(last - 1);
            if (chain.get(last - 1) == BIRTHPLACE) {
                return "In which country was " + inner + " born?";
            }
            if (chain.get(last - 1) == HEADQUARTERS) {
                return "In which country is " + inner + " headquartered?";
            }
        }
        return chain.get(last).question(world, subjects.get(last), phrases.get(last));
    }

    private String name(Ref ref) {
        return switch (ref.kind()) {
            case COUNTRY -> world.countries.get(ref.index()).name();
            case CITY -> world.cities.get(ref.index()).name();
            case PERSON -> world.people.get(ref.index()).name();
            case ORG -> world.organisations.get(ref.index()).name();
            case WORK -> world.works.get(ref.index()).title();
            case YEAR -> Integer.toString(ref.index());
        };
    }

    private String phrase(Ref ref) {
        return ref.kind() == Kind.ORG ? world.organisations.get(ref.index()).phrase() : name(ref);
    }

    private List<String> aliases(Ref ref) {
        return switch (ref.kind()) {
            case COUNTRY -> List.of(world.countries.get(ref.index()).formalName());
            case CITY -> List.of(name(ref) + ", " + world.countries.get(world.cities.get(ref.index()).country()).name());
            default -> List.of();
        };
    }

    private int count(Kind kind) {
        return switch (kind) {
            case COUNTRY -> world.countries.size();
            case CITY -> world.cities.size();
            case PERSON -> world.people.size();
            case ORG -> world.organisations.size();
            case WORK -> world.works.size();
            case YEAR -> throw new IllegalStateException("no chain starts at a year");
        };
    }
}
