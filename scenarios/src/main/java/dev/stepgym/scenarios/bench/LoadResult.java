package dev.stepgym.scenarios.bench;

/** One load run: how many request/reply round trips per second, and their latency. */
record LoadResult(String target, int concurrency, long operations, double seconds, double p50Millis, double p99Millis) {
    double perSecond() {
        return operations / seconds;
    }
}
