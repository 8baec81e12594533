package io.modellibrary.blob;

import software.amazon.awssdk.services.s3.S3Client;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * S3Proxy (an S3-compatible server on a local folder) started in this JVM for tests. Its
 * jar-with-dependencies bundles its own AWS SDK, Jackson and logback, so it runs in a class
 * loader of its own (parent: the platform loader) and is driven by reflection; the pom keeps the
 * jar off the test class path and passes its location as {@code s3proxy.jar}. The
 * loader answers a {@code logback.xml} of its own instead of the jar's: warnings only.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String IDENTITY = "local-identity";
    public static final String CREDENTIAL = "local-credential";
    private static ClassLoader loader;

    private final Path baseDir;
    private Object proxy;
    private int port;

    private S3ProxyServer(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** A server on a free port over {@code baseDir} (one folder per bucket). */
    public static S3ProxyServer start(Path baseDir) throws Exception {
        S3ProxyServer server = new S3ProxyServer(baseDir);
        server.run(0);
        return server;
    }

    private static synchronized ClassLoader loader() throws Exception {
        if (loader == null) {
            String jar = System.getProperty("s3proxy.jar", "");
            Path path = jar.isEmpty() || jar.startsWith("${")
                    ? Path.of(System.getProperty("user.home"), ".m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar")
                    : Path.of(jar);
            Path config = Files.createTempDirectory("s3proxy-logging");
            Files.writeString(config.resolve("logback.xml"), """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>s3proxy %level %logger{20} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
            URL logging = config.resolve("logback.xml").toUri().toURL();
            loader = new URLClassLoader(new URL[]{path.toUri().toURL()}, ClassLoader.getPlatformClassLoader()) {
                @Override
                public URL findResource(String name) {
                    return name.equals("logback.xml") ? logging : super.findResource(name);
                }

                @Override
                public java.util.Enumeration<URL> findResources(String name) throws java.io.IOException {
                    return name.equals("logback.xml") ? java.util.Collections.enumeration(List.of(logging)) : super.findResources(name);
                }
            };
        }
        return loader;
    }

    /** Starts (again) on {@code port}, 0 for a free one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void run(int onPort) throws Exception {
        ClassLoader cl = loader();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(cl);
        try {
            Files.createDirectories(baseDir);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
            Object blobStore = cl.loadClass("org.gaul.s3proxy.BlobStores").getMethod("create", String.class, Properties.class)
                    .invoke(null, "filesystem", properties);
            Class<?> s3proxy = cl.loadClass("org.gaul.s3proxy.S3Proxy");
            Object builder = s3proxy.getMethod("builder").invoke(null);
            Class<?> builderClass = builder.getClass();
            builderClass.getMethod("blobStore", cl.loadClass("org.gaul.s3proxy.blobstore.BlobStore")).invoke(builder, blobStore);
            builderClass.getMethod("endpoint", URI.class).invoke(builder, URI.create("http://127.0.0.1:" + onPort));
            Class authType = cl.loadClass("org.gaul.s3proxy.auth.AuthenticationType");
            builderClass.getMethod("awsAuthentication", authType, String.class, String.class)
                    .invoke(builder, Enum.valueOf(authType, "AWS_V2_OR_V4"), IDENTITY, CREDENTIAL);
            proxy = builderClass.getMethod("build").invoke(builder);
            s3proxy.getMethod("start").invoke(proxy);
            Method state = s3proxy.getMethod("getState");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(10))
                    .until(() -> "STARTED".equals(state.invoke(proxy)));
            port = (int) s3proxy.getMethod("getPort").invoke(proxy);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of this server as S3BlobStore's configuration builds it (path style, static keys). */
    public S3Client client() {
        return S3BlobStore.client(new S3Properties(endpoint(), "us-east-1", "unused", "", true, IDENTITY, CREDENTIAL, false,
                org.springframework.util.unit.DataSize.ofMegabytes(16)));
    }

    /** Stops serving (requests fail to connect) until {@link #restart}. */
    public void stop() throws Exception {
        proxy.getClass().getMethod("stop").invoke(proxy);
    }

    /** Serves again on the same port and folder. */
    public void restart() throws Exception {
        run(port);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
