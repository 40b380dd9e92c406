package dev.stepgym.rewards.scoring;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link BeliefScorer} needs to estimate the agent's belief in the gold answer after a turn
 * (IGPO's {@code p_t}). Each scorer reads the fields it needs: a language model reads the
 * conversation, the embedding proxy reads the evidence, the trainer scorer reads the trainer's number.
 *
 * @param question        the task's question
 * @param conversation    the episode so far as chat turns (question, actions, observations), oldest first
 * @param goldAnswer      the gold answer (IGPO scores only the first alternative)
 * @param supportingFacts gold supporting passages (the proxy compares evidence with these)
 * @param evidence        texts the agent has gathered so far (retrieved or opened documents)
 * @param trainerBelief   a belief the trainer sent along with the action, or null
 */
public record BeliefQuery(String question, List<ChatTurn> conversation, String goldAnswer,
                          List<String> supportingFacts, List<String> evidence, Double trainerBelief) {
    public BeliefQuery {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(goldAnswer, "goldAnswer");
        conversation = List.copyOf(conversation);
        supportingFacts = List.copyOf(supportingFacts);
        evidence = List.copyOf(evidence);
    }

    /** One message of the conversation, in the chat-completions roles {@code system|user|assistant|tool}. */
    public record ChatTurn(String role, String content) {
        public ChatTurn {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
