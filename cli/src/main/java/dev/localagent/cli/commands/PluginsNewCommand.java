package dev.localagent.cli.commands;

import dev.localagent.core.plugin.PluginScaffold;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent plugins new ID}: scaffold a plugin project that builds against the api jar. */
@Command(
    name = "new",
    description = "Create a plugin project: pom.xml, plugin.json, a plugin class with one tool, and a test.",
    footer = {"", "Examples:", "  localagent plugins new word-count", "  localagent plugins new word-count --dir ~/src/wc"})
public final class PluginsNewCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The new plugin's id, e.g. word-count.")
  String id;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the project (default: ./ID).")
  Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = PluginsCommand.context(spec);
    Path target = context.workdir().resolve(dir != null ? dir : Path.of(id));
    String version = PluginsNewCommand.class.getPackage().getImplementationVersion();
    var files = PluginScaffold.create(target, id, version == null ? "0.1.0-SNAPSHOT" : version);
    context.out().println("created plugin project " + id + " in " + target);
    files.forEach(f -> context.out().println("  " + f));
    context.out().println("next: cd " + target + " && mvn package, then 'localagent plugins install target/"
        + id + "-0.1.0.jar'");
    return 0;
  }
}
