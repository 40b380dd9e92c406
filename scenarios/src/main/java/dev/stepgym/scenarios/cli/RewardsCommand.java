package dev.stepgym.scenarios.cli;

import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.service.RewardScoring;
import dev.stepgym.rewards.service.RewardTransforming;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepgym rewards …}: the reward service's operations from the command line. */
@Command(name = "rewards", mixinStandardHelpOptions = true,
        description = "Score evidence with a reward pipeline, or transform reward sequences, as POST /v1/rewards/score "
                + "and /v1/rewards/transform do (same JSON in, same JSON out).",
        subcommands = {RewardsCommand.Score.class, RewardsCommand.Transform.class, McValuesCommand.class, TrainProgressCommand.class})
final class RewardsCommand implements Runnable {
    @picocli.CommandLine.Mixin DeviceOptions device; // inherited by every rewards subcommand

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Read {\"pipeline\",\"context\",\"steps\"} from FILE, print {\"steps\":[{\"rewards\",\"reward\"}]}.")
    static final class Score implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "the request body as JSON (- for stdin)")
        Path input;

        @Override
        public Integer call() throws IOException {
            System.out.println(Json.write(RewardScoring.score(InputFile.readJson(input))));
            return 0;
        }
    }

    @Command(name = "transform", mixinStandardHelpOptions = true,
            description = "Read {\"transforms\"|\"transform\",\"group\"} from FILE, print {\"results\":[{\"id\",\"values\"}]}.")
    static final class Transform implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "the request body as JSON (- for stdin)")
        Path input;

        @Override
        public Integer call() throws IOException {
            System.out.println(Json.write(RewardTransforming.transform(InputFile.readJson(input))));
            return 0;
        }
    }
}
