package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;

import java.util.Map;

/**
 * Answers {@code searchqa-v1} questions by following the gold hops in the reset info
 * ({@code info.gold}), through the public protocol only: for each hop it searches the hop's query
 * and opens the hop's document, then answers with the gold answer. It asks for
 * {@code "privileged": true} in its reset options; a server that withholds the gold data makes
 * {@link #start} fail with a message saying so.
 */
public final class OracleSearchQaAgent implements Agent {
    public static final String NAME = "oracle-searchqa";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Policy start(EpisodeStart start) {
        return new HopFollower(SearchQaGold.fromInfo(start.info()));
    }

    @Override
    public Map<String, Object> resetOptions() {
        return Map.of("privileged", true);
    }

    /** Search, open, next hop; then answer. */
    private static final class HopFollower implements Policy {
        private final SearchQaGold gold;
        private int hop;
        private boolean searched;

        HopFollower(SearchQaGold gold) {
            this.gold = gold;
        }

        @Override
        public Action next(Observation observation) {
            if (hop >= gold.hops().size()) {
                return Action.text("answer[" + gold.answer() + "]");
            }
            SearchQaGold.Hop current = gold.hops().get(hop);
            if (!searched) {
                searched = true;
                return Action.text("search[" + current.query() + "]");
            }
            // Open the gold document whether or not the search ranked it: the oracle knows where the fact is.
            searched = false;
            hop++;
            return Action.text("open[" + current.docId() + "]");
        }
    }
}
