package dev.localagent.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.plugin.testkit.PluginJarBuilder;
import dev.localagent.core.plugin.testkit.SourceCompiler;
import dev.localagent.core.plugin.testkit.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed plugin jars (keys from the JDK's keytool, signed by its jar signer) are still verified. */
class PluginSignedJarTest {
  private static final String TOOL_CLASS = "p/signed/Entry$1.class";

  @TempDir Path root;

  private static String source(String reply) {
    return TestPlugins.toolPlugin("p.signed", "signed_tool", "return ToolResult.success(\"" + reply + "\");");
  }

  private static void run(String tool, String... args) throws IOException, InterruptedException {
    var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", tool).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(tool + " output: " + output).isZero();
  }

  /** A key pair made by the JDK's keytool, once per test. */
  private Path keystore() throws Exception {
    Path keystore = root.resolve("keys.p12");
    if (!Files.exists(keystore)) {
      run("keytool", "-genkeypair", "-keystore", keystore.toString(), "-storepass", "changeit", "-alias", "test",
          "-keyalg", "EC", "-dname", "CN=LocalAgent test", "-validity", "2");
    }
    return keystore;
  }

  /** The plugin jar signed with the JDK's jar signer (the API behind the jarsigner tool). */
  private Path signedJar(Path dir) throws Exception {
    Path unsigned = PluginJarBuilder.plugin("signed").tool("signed_tool", "answers")
        .source("p.signed.Entry", source("original")).writeTo(root.resolve("unsigned"));
    KeyStore keys = KeyStore.getInstance(keystore().toFile(), "changeit".toCharArray());
    var key = (PrivateKey) keys.getKey("test", "changeit".toCharArray());
    var chain = CertificateFactory.getInstance("X.509").generateCertPath(List.of(keys.getCertificateChain("test")));
    Files.createDirectories(dir);
    Path jar = dir.resolve("signed.jar");
    try (var in = new ZipFile(unsigned.toFile()); var out = Files.newOutputStream(jar)) {
      new JarSigner.Builder(key, chain).build().sign(in, out);
    }
    return jar;
  }

  /** Rewrites {@code jar} with one class replaced, keeping the signature files as they were. */
  private static void tamper(Path jar, String entryName, byte[] replacement) throws IOException {
    Path tampered = jar.resolveSibling("tampered.tmp");
    try (var in = new ZipFile(jar.toFile()); var out = new ZipOutputStream(Files.newOutputStream(tampered))) {
      for (ZipEntry entry : java.util.Collections.list(in.entries())) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(entry.getName().equals(entryName) ? replacement : in.getInputStream(entry).readAllBytes());
        out.closeEntry();
      }
    }
    Files.move(tampered, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static ToolResult call(PluginHost host) throws InterruptedException {
    Tool tool = host.tools().getFirst();
    return tool.call(new ToolRequest("c", Map.of(), Path.of(".")), ToolOutput.DISCARD);
  }

  @Test
  void aSignedPluginRunsAndOneWhoseClassWasChangedAfterSigningIsRefused() throws Exception {
    Path intactDir = root.resolve("intact");
    signedJar(intactDir);
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root.resolve("a"), intactDir), PluginsConfig.DEFAULT)) {
      assertThat(call(host)).isEqualTo(ToolResult.success("original"));
    }

    Path tamperedDir = root.resolve("tampered");
    Path jar = signedJar(tamperedDir);
    byte[] other = SourceCompiler.compile(Map.of("p.signed.Entry", source("tampered"))).get("p.signed.Entry$1");
    tamper(jar, TOOL_CLASS, other);
    try (PluginHost host = PluginHost.open(TestPlugins.locations(root.resolve("b"), tamperedDir), PluginsConfig.DEFAULT)) {
      ToolResult result = call(host);
      assertThat(result.ok()).isFalse();
      assertThat(result.errorCode()).isEqualTo(PluginErrors.START_FAILED.id());
      assertThat(result.content()).contains("SecurityException");
    }
  }
}
