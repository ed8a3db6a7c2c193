package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code ./localagent} launcher as a user would (after {@code package}). */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "localagent").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target", "localagent.jar").toAbsolutePath().normalize();

  @TempDir Path home;

  record Run(int exit, String out, String err) {}

  private Run run(String... args) throws IOException, InterruptedException {
    return run(List.of(), args);
  }

  private Run run(List<String> javaOpts, String... args) throws IOException, InterruptedException {
    return run(120, javaOpts, args);
  }

  private Run run(long timeoutSeconds, List<String> javaOpts, String... args)
      throws IOException, InterruptedException {
    return run(timeoutSeconds, javaOpts, Map.of(), args);
  }

  /** The java command line the launcher chooses for {@code args}, one argument an element; nothing runs. */
  private List<String> javaCommandFor(String... args) throws IOException, InterruptedException {
    var result = run(60, List.of(), Map.of("LOCALAGENT_LAUNCHER_DRYRUN", "1"), args);
    assertThat(result.exit()).as(result.err()).isZero();
    return result.out().lines().toList();
  }

  private Run run(long timeoutSeconds, List<String> javaOpts, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    var command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("LOCALAGENT_JAVA_OPTS", String.join(" ", javaOpts));
    builder.environment().remove("XDG_CONFIG_HOME");
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    var process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void versionSucceedsWithNothingOnStderr() throws Exception {
    var result = run("--version");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("localagent 0.1.0").contains("Java 25");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void versionRunsFromTheAotCacheAndGeneratesNoProxyClasses() throws Exception {
    Path classLog = home.resolve("classes.log");

    var result = run(List.of("-Xlog:class+load:file=" + classLog), "--version");

    assertThat(result.exit()).isZero();
    var loaded = Files.readAllLines(classLog);
    // Every class comes from the short AOT cache or the JDK's modules, none parsed from a jar;
    // annotation proxies (which the cache cannot hold) would show as __dynamic_proxy__.
    assertThat(loaded).anyMatch(line -> line.contains("dev.localagent.cli.Main source: shared objects file"));
    assertThat(loaded).noneMatch(line -> line.contains("source: file:") || line.contains("source: jar:"));
    assertThat(loaded).noneMatch(line -> line.contains("__dynamic_proxy__"));
  }

  @Test
  void serveStartsFromItsOwnAotCacheTrainedOnTheGatewaysConnectionSetUp() throws Exception {
    Path classLog = home.resolve("serve-classes.log");

    // The first serve after a build trains its cache: connections through a real gateway, then
    // the JVM writes the cache.
    var result = run(420, List.of("-Xlog:class+load:file=" + classLog), "serve", "--help");

    assertThat(result.exit()).isZero();
    var loaded = Files.readAllLines(classLog);
    // serve runs on ZGC, where a JDK 25 cache shares classes as they load (no AOT linking): the
    // serve command's own class, which no JDK archive holds, comes from the serve cache.
    assertThat(loaded).anyMatch(line -> line.contains(
        "dev.localagent.cli.commands.ServeCommand source: shared objects file"));
  }

  @Test
  void benchWebsocketRunsOnZgcFromTheServeCacheWhereverTheOptionsStand() throws Exception {
    for (var args : List.of(List.of("bench", "websocket", "--help"), List.of("bench", "--json", "websocket", "--help"),
        List.of("--json", "bench", "websocket"), List.of("--config", "bench", "bench", "--log-level", "info", "websocket"))) {
      var command = javaCommandFor(args.toArray(String[]::new));

      assertThat(command).as("%s", args).contains("-XX:+UseZGC")
          .anyMatch(arg -> arg.startsWith("-XX:AOTCache=") && arg.endsWith("localagent-serve.aot"));
      assertThat(command.subList(command.indexOf("-jar") + 2, command.size())).isEqualTo(args);
    }
  }

  @Test
  void otherBenchmarksKeepTheDefaultCollectorAndNoCache() throws Exception {
    // 'websocket' here is --workdir's value, not the benchmark.
    for (var args : List.of(List.of("bench", "--json", "startup"), List.of("bench", "--workdir", "websocket", "startup"))) {
      var command = javaCommandFor(args.toArray(String[]::new));

      assertThat(command).as("%s", args).doesNotContain("-XX:+UseZGC", "-XX:+UseSerialGC")
          .noneMatch(arg -> arg.startsWith("-XX:AOTCache="));
    }
  }

  @Test
  void bareVersionRunsInterpretedOnSerialGcFromTheShortCache() throws Exception {
    for (var bare : List.of("--version", "-V")) {
      var command = javaCommandFor(bare);

      assertThat(command).as(bare).contains("-XX:+UseSerialGC", "-Xint")
          .anyMatch(arg -> arg.startsWith("-XX:AOTCache=") && arg.endsWith("/localagent.aot"));
      // The main class on the class path, not -jar (no manifest read): it must be the jar's Main-Class.
      assertThat(command).as(bare).doesNotContain("-jar")
          .containsSequence("-cp", JAR.toString(), mainClassOfTheJar(), bare);
    }
  }

  private static String mainClassOfTheJar() throws IOException {
    try (var jar = new java.util.jar.JarFile(JAR.toFile())) {
      return jar.getManifest().getMainAttributes().getValue("Main-Class");
    }
  }

  @Test
  void versionWithOtherOptionsRunsPicocliFromTheFullCache() throws Exception {
    // The short cache holds only the bare --version path (no picocli): picocli's classes would be
    // parsed from the jar, interpreted.
    var command = javaCommandFor("--json", "--version");

    assertThat(command).contains("-XX:+UseSerialGC").doesNotContain("-Xint")
        .anyMatch(arg -> arg.startsWith("-XX:AOTCache=") && arg.endsWith("/localagent-full.aot"));
  }

  @Test
  void versionWithOtherOptionsPrintsWhatBareVersionPrints() throws Exception {
    var bare = run("--version");
    var withJson = run("--json", "--version");

    assertThat(withJson.exit()).isZero();
    assertThat(withJson.out()).isEqualTo(bare.out());
  }

  @Test
  void unknownOptionExitsWithUsageCode() throws Exception {
    var result = run("--bogus");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith("error[LA-GEN-004]").doesNotContain("Exception");
  }

  @Test
  void brokenUserConfigExitsWith3AndNoStackTrace() throws Exception {
    Files.createDirectories(home.resolve(".config/localagent"));
    Files.writeString(home.resolve(".config/localagent/config.yaml"), "logging: {level: [\n");

    var result = run("config", "show");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err()).startsWith("error[LA-CONFIG-001]").doesNotContain("\tat ");
  }
}
