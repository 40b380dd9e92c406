package dev.stepgym.rewards.transform;

/** Discounted returns-to-go, the one place they are computed. */
final class Returns {
    private Returns() {
    }

    /** {@code R_t = r_t + gamma * R_{t+1}}, {@code R_T = 0}: summed from the last step back, as verl does. */
    static double[] toGo(double[] rewards, double gamma) {
        double[] returns = new double[rewards.length];
        double running = 0.0;
        for (int t = rewards.length - 1; t >= 0; t--) {
            running = rewards[t] + gamma * running;
            returns[t] = running;
        }
        return returns;
    }
}
