import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step (run by the cli POM at package time, JDK 25 source launcher): rewrites the class
 * files of a jar compiled for Java 5 (class version 49) as version 52 with stack maps, using the
 * JDK's java.lang.classfile API. The JVM refuses to put version-49 classes in the AOT cache ("Old
 * class has been linked"), so picocli would otherwise be loaded and verified from its jar on every
 * start. The bytecode instructions are unchanged; only the version and the StackMapTable differ.
 * Idempotent: a jar whose classes are already version 50 or newer is left alone.
 *
 * <p>Usage: java UpgradeClassfiles.java JAR...
 */
public final class UpgradeClassfiles {
  public static void main(String[] args) throws IOException {
    for (String arg : args) {
      upgrade(Path.of(arg));
    }
  }

  private static void upgrade(Path jar) throws IOException {
    Path temp = jar.resolveSibling(jar.getFileName() + ".upgrading");
    int upgraded = 0;
    try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        var in = new ZipInputStream(Files.newInputStream(jar));
        var out = new ZipOutputStream(Files.newOutputStream(temp))) {
      var classFile = ClassFile.of(
          ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
          ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
              .orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        byte[] bytes = in.readAllBytes();
        if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
          var model = classFile.parse(bytes);
          if (model.majorVersion() < ClassFile.JAVA_6_VERSION) {
            bytes = classFile.transformClass(model,
                ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen(ClassTransform.endHandler(b -> b.withVersion(ClassFile.JAVA_8_VERSION, 0))));
            upgraded++;
          }
        }
        var copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    if (upgraded == 0) {
      Files.delete(temp);
      return;
    }
    Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("upgraded " + upgraded + " class files in " + jar.getFileName() + " to version 52");
  }
}
