package org.repal.core.analysis.findings;

import java.util.List;
import org.repal.core.analysis.stats.Verdict;

/**
 * One of the paper's claims as this run answers it.
 *
 * @param id        short id ("a" … "d")
 * @param statement the claim
 * @param reference what the reference's notebooks show (spec §8)
 * @param rule      the rule that turned the numbers into the verdict
 * @param verdict   the verdict
 * @param evidence  the numbers behind it, one paragraph each (every estimate with its n)
 */
public record Claim(String id, String statement, String reference, String rule, Verdict verdict,
                    List<String> evidence) {

    public Claim {
        evidence = List.copyOf(evidence);
    }

    /** "holds", "does not hold" or "not enough models at this scale". */
    public String verdictWords() {
        return switch (verdict) {
            case HOLDS -> "holds";
            case DOES_NOT_HOLD -> "does not hold";
            case NOT_ENOUGH_MODELS -> "not enough models at this scale";
        };
    }
}
