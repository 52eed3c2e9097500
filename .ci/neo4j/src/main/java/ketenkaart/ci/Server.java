package ketenkaart.ci;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A Neo4j Community server for tests: Bolt on 127.0.0.1, auth on, small memory.
 *
 * <p>Usage: {@code Server DATA_DIR PORT PASSWORD [setting=value ...]}. The password is read from
 * the environment variable named by PASSWORD's value if it starts with {@code env:}. Extra
 * settings (for example {@code db.memory.transaction.total.max=20m}) override the defaults. The
 * process prints {@code READY bolt://127.0.0.1:PORT} and the version from {@code CALL
 * dbms.components()} once the databases and Bolt are up, and shuts the database
 * down cleanly on SIGTERM.
 */
public final class Server {
    private Server() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Server DATA_DIR PORT PASSWORD [setting=value ...]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = args[2].startsWith("env:") ? System.getenv(args[2].substring(4)) : args[2];
        if (password == null || password.length() < 8) {
            System.err.println("the password must have 8 or more characters");
            System.exit(2);
        }
        Files.createDirectories(home);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.bolt.enabled", "true");
        settings.put("server.bolt.listen_address", "127.0.0.1:" + port);
        settings.put("server.bolt.advertised_address", "127.0.0.1:" + port);
        settings.put("server.bolt.tls_level", "DISABLED");
        settings.put("dbms.security.auth_enabled", "true");
        settings.put("server.memory.pagecache.size", "128m");
        settings.put("db.tx_log.preallocate", "false");
        settings.put("db.tx_log.rotation.size", "16m");
        settings.put("server.logs.debug.enabled", "false");
        settings.put("dbms.usage_report.enabled", "false");
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("a setting must be name=value: " + args[i]);
                System.exit(2);
            }
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }

        // The builder takes settings by name only from a file: write them as neo4j.conf.
        StringBuilder conf = new StringBuilder();
        settings.forEach((name, value) -> conf.append(name).append('=').append(value).append('\n'));
        Path confFile = home.resolve("neo4j.conf");
        Files.writeString(confFile, conf.toString());
        DatabaseManagementService service =
                new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(confFile).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    service.shutdown();
                                    stopped.countDown();
                                }));

        GraphDatabaseService system = service.database("system");
        // The initial user is neo4j/neo4j with a change required; set the real password here,
        // through the system database, so no client ever sees the default.
        system.executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        String version =
                system.executeTransactionally(
                        "CALL dbms.components() YIELD name, versions, edition "
                                + "RETURN name + ' ' + versions[0] + ' ' + edition AS version",
                        Map.of(),
                        result -> String.valueOf(result.next().get("version")));
        System.out.println("READY bolt://127.0.0.1:" + port + " " + version);
        System.out.flush();
        stopped.await();
    }
}
