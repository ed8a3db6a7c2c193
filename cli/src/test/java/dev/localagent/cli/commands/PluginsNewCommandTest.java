package dev.localagent.cli.commands;

import static dev.localagent.cli.commands.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.plugin.PluginHost;
import dev.localagent.core.plugin.PluginsConfig;
import dev.localagent.core.plugin.testkit.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsNewCommandTest {
  @TempDir Path home;

  @Test
  void theScaffoldCompilesAgainstTheApiAndWorksOnceInstalled() throws Exception {
    CliRun created = run(home, "plugins", "new", "word-flip");
    assertThat(created.exitCode()).as(created.err()).isZero();
    Path project = home.resolve("work/word-flip");
    assertThat(project.resolve("pom.xml")).content().contains("<artifactId>localagent-api</artifactId>")
        .contains("<scope>provided</scope>");

    Path classes = compile(project.resolve("src/main/java"), home.resolve("classes"), System.getProperty("java.class.path"));
    compile(project.resolve("src/test/java"), home.resolve("test-classes"),
        System.getProperty("java.class.path") + java.io.File.pathSeparator + classes);

    Path jar = packageJar(classes, project.resolve("src/main/resources"), home.resolve("word-flip.jar"));
    assertThat(run(home, "plugins", "install", jar.toString()).exitCode()).isZero();
    Path installedDir = home.resolve("data/localagent/plugins");
    try (var host = PluginHost.open(TestPlugins.locations(home, installedDir), PluginsConfig.DEFAULT)) {
      ToolResult result = host.tools().getFirst()
          .call(new ToolRequest("c", Map.of("text", "stressed"), home), ToolOutput.DISCARD);
      assertThat(result).isEqualTo(ToolResult.success("desserts"));
    }
  }

  @Test
  void aSecondScaffoldIntoTheSameDirectoryIsRefused() {
    run(home, "plugins", "new", "twice");
    CliRun again = run(home, "plugins", "new", "twice");
    assertThat(again.exitCode()).isEqualTo(4);
    assertThat(again.err()).contains("error[LA-PLUGIN-012]").contains("not empty");
    assertThat(run(home, "plugins", "new", "Bad_Id").err()).contains("not a valid plugin id");
  }

  private static Path compile(Path sources, Path out, String classpath) throws IOException {
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    var args = new java.util.ArrayList<>(List.of("-d", out.toString(), "-classpath", classpath, "-proc:none"));
    args.addAll(files);
    var log = new java.io.ByteArrayOutputStream();
    int code = ToolProvider.getSystemJavaCompiler().run(null, log, log, args.toArray(String[]::new));
    assertThat(code).as("javac on the scaffold " + log).isZero();
    return out;
  }

  private static Path packageJar(Path classes, Path resources, Path jar) throws IOException {
    try (var out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Stream.concat(Files.walk(classes), Files.walk(resources))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path base = file.startsWith(classes) ? classes : resources;
        out.putNextEntry(new JarEntry(base.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
  }
}
