package dev.localagent.examples.greeter;

import dev.localagent.api.plugin.CommandIO;
import dev.localagent.api.plugin.Plugin;
import dev.localagent.api.plugin.PluginCommand;
import dev.localagent.api.plugin.PluginContext;
import java.util.List;

/** Entry class of the greeter example: one CLI command configured from its settings section. */
public final class GreeterPlugin implements Plugin {
  private volatile String greeting = "Hello";
  private volatile PluginContext context;

  @Override
  public void start(PluginContext context) {
    this.context = context;
    if (context.config().get("greeting") instanceof String configured) {
      greeting = configured;
    }
  }

  @Override
  public List<PluginCommand> commands() {
    return List.of(new PluginCommand() {
      @Override
      public String name() {
        return "greet";
      }

      @Override
      public String help() {
        return "Greets the people named in the arguments.";
      }

      @Override
      public int run(List<String> args, CommandIO io) {
        if (args.isEmpty()) {
          io.err().println("greet: name at least one person, e.g. 'greet Ada'");
          return 2;
        }
        args.forEach(name -> io.out().println(greeting + ", " + name + "!"));
        io.out().flush();
        context.metrics().count("greetings", args.size());
        return 0;
      }
    });
  }
}
