package dev.localagent.core.plugin.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One plugin's classes. JDK packages come from the platform loader and {@code dev.localagent.api}
 * from the host (through the {@link ApiOnlyClassLoader} parent), everything else from the
 * plugin's own jar (with the libraries bundled in it), then from the jars of the plugins it
 * depends on.
 *
 * <p>Deliberately not a {@link java.net.URLClassLoader}: with thousands of plugins its per-jar
 * machinery (a URL class path with lazily created loaders, a URL per class lookup, the manifest
 * parsed to define each package) was most of activation. This loader opens the jar once as a
 * {@link PluginJar}, looks classes up in its central directory and defines them from the entry's
 * bytes. Signed and multi-release jars are read by a {@link java.util.jar.JarFile} with
 * verification on, so a signed jar whose content was changed is refused as before and versioned
 * entries resolve for the running Java; plain jars skip the JarFile machinery (see PluginJar).
 *
 * <p>The split between parent and own classes is decided by package name up front instead of by
 * asking the parent and catching {@link ClassNotFoundException}: with thousands of plugins those
 * exceptions were a measurable part of activation.
 */
final class PluginClassLoader extends ClassLoader implements Closeable {
  private static final Set<String> JDK_PACKAGES = jdkPackages();
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
  /**
   * JDK classes already handed to some plugin. They are the same for every plugin and never
   * unloaded, so the thousandth plugin to link against {@code java.util.List} gets it from one
   * map look-up instead of a walk through the platform loader. (API classes are cached the same
   * way by the {@link ApiOnlyClassLoader} of each host.)
   */
  private static final Map<String, Class<?>> JDK_CLASSES = new ConcurrentHashMap<>();

  static {
    registerAsParallelCapable();
  }

  private final ApiOnlyClassLoader api;
  private final Path jarPath;
  private final PluginJar jar;
  private final List<PluginClassLoader> dependencies;
  private final ProtectionDomain domain;

  /**
   * Opens {@code jarPath}; nothing else is read until a class or resource is asked for.
   *
   * @throws IOException when the jar cannot be opened
   */
  PluginClassLoader(String pluginId, Path jarPath, ApiOnlyClassLoader api, List<PluginClassLoader> dependencies)
      throws IOException {
    super("plugin:" + pluginId, api);
    this.api = api;
    this.jarPath = jarPath;
    this.dependencies = List.copyOf(dependencies);
    this.domain = new ProtectionDomain(new CodeSource(codeSourceUrl(jarPath), (CodeSigner[]) null), null, this, null);
    this.jar = PluginJar.open(jarPath); // Last: nothing throws after.
  }

  /**
   * The jar's {@code file:} URL, as {@link Path#toUri()} gives it. {@code toUri} asks the file
   * system whether the path is a directory (a {@code stat} per plugin, measurable across
   * thousands); a plugin jar is a regular file, so for an absolute path the URL is built from the
   * string alone. A path with nothing to quote and no {@code .} or {@code ..} segment (the usual
   * plugin directory) is the URL's path as it stands; other ASCII paths go through the
   * multi-argument URI constructor, which quotes what must be quoted, and the rest through
   * {@code toUri}, which also percent-encodes non-ASCII characters. The first way matters in a
   * fresh JVM, where URI's parser and the URL's ran interpreted for every plugin: 60-80 ms per
   * thousand plugins.
   */
  @SuppressWarnings("deprecation") // URL(String, String, int, String): the one way to a URL that parses nothing.
  static URL codeSourceUrl(Path jarPath) throws IOException {
    String path = jarPath.toString();
    if (jarPath.isAbsolute() && java.io.File.separatorChar == '/') {
      if (isPlainPath(path)) {
        return new URL("file", "", -1, path);
      }
      if (Discovery.isAscii(path)) {
        try {
          return new URI("file", "", path, null, null).toURL();
        } catch (URISyntaxException | IllegalArgumentException e) {
          // Fall through to the general way.
        }
      }
    }
    return jarPath.toUri().toURL();
  }

  /** Only characters a URL path keeps as they are, and no "." or ".." segment to resolve. */
  private static boolean isPlainPath(String path) {
    if (path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> jdkPackages() {
    var packages = new HashSet<String>();
    for (Module module : ModuleLayer.boot().modules()) {
      packages.addAll(module.getPackages());
    }
    return Set.copyOf(packages);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    Class<?> found = fromParent(name);
    if (found == null) {
      synchronized (getClassLoadingLock(name)) {
        found = findOwnOrDependencyClass(name);
      }
      if (found == null) {
        throw new ClassNotFoundException(name + " (not in plugin " + getName() + " nor its dependencies)");
      }
    }
    if (resolve) {
      resolveClass(found);
    }
    return found;
  }

  /**
   * The class from the host's API or the JDK, or null when the name is the plugin's to define.
   * Every plugin links against the same few API and JDK classes, so this runs tens of thousands
   * of times with a thousand plugins and nearly always hits a cache: the first request of a name
   * (which asks the host or the platform loader) is a separate method, so the JIT compiles this
   * path small instead of inlining the JDK's class loading into it.
   */
  private Class<?> fromParent(String name) throws ClassNotFoundException {
    if (name.startsWith(ApiOnlyClassLoader.API_PREFIX)) {
      return api.apiClass(name);
    }
    Class<?> jdk = JDK_CLASSES.get(name);
    return jdk != null ? jdk : jdkClassOrNull(name);
  }

  /** A JDK class not handed to any plugin yet, or null when {@code name} is in no JDK package. */
  private static Class<?> jdkClassOrNull(String name) throws ClassNotFoundException {
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot);
    return pkg.startsWith("java.") || JDK_PACKAGES.contains(pkg) ? firstJdkClass(name) : null;
  }

  private static Class<?> firstJdkClass(String name) throws ClassNotFoundException {
    Class<?> jdk = PLATFORM.loadClass(name);
    Class<?> raced = JDK_CLASSES.putIfAbsent(name, jdk);
    return raced != null ? raced : jdk;
  }

  /** Own jar first, then the dependencies' jars; the caller holds the lock for {@code name}. */
  private Class<?> findOwnOrDependencyClass(String name) {
    Class<?> loaded = findLoadedClass(name);
    if (loaded != null) {
      return loaded;
    }
    byte[] bytes;
    try {
      bytes = jar.read(name.replace('.', '/').concat(".class"));
    } catch (IOException e) {
      bytes = null; // Unreadable: reported as a missing class.
    }
    if (bytes != null) {
      return defineClass(name, bytes, 0, bytes.length, domain);
    }
    for (PluginClassLoader dependency : dependencies) {
      Class<?> found;
      synchronized (dependency.getClassLoadingLock(name)) {
        found = dependency.findOwnOrDependencyClass(name);
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> found = findOwnOrDependencyClass(name);
      if (found == null) {
        throw new ClassNotFoundException(name);
      }
      return found;
    }
  }

  @Override
  protected URL findResource(String name) {
    return jar.contains(name) ? resourceUrl(name) : null;
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
  }

  /** Reads from this loader's open jar, so the stream needs no second open of the file. */
  @Override
  public InputStream getResourceAsStream(String name) {
    InputStream fromParent = getParent().getResourceAsStream(name);
    if (fromParent != null) {
      return fromParent;
    }
    try {
      return jar.stream(name);
    } catch (IOException e) {
      return null;
    }
  }

  /** A {@code jar:} URL like URLClassLoader's, built only when a resource URL is asked for. */
  private URL resourceUrl(String name) {
    try {
      return new URI("jar", jarPath.toUri() + "!/" + name, null).toURL();
    } catch (URISyntaxException | IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Closes the jar; classes already defined stay usable, new ones can no longer be loaded. */
  @Override
  public void close() throws IOException {
    jar.close();
  }
}
