package io.configservice.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for HashiCorp Vault's transit secrets engine, faithful where spring-vault-core and
 * this service touch it (see {@code design/VAULT_TRANSIT.md}): {@code POST /v1/transit/keys/:name}
 * (create), {@code GET /v1/transit/keys/:name}, {@code GET /v1/transit/keys?list=true}, {@code POST
 * /v1/transit/keys/:name/rotate}, {@code POST /v1/transit/encrypt|decrypt|rewrap/:name} (single and
 * {@code batch_input}), and {@code GET /v1/sys/health}. Every call but health needs the {@code
 * X-Vault-Token}; answers use Vault's envelope and its {@code {"errors":[…]}} bodies and messages.
 * Ciphertexts are {@code vault:v<N>:base64(nonce ‖ ciphertext ‖ tag)}, real AES-GCM with a 96-bit
 * random nonce under per-version random keys. {@link #availability} makes it answer as a sealed
 * Vault (503) or drop connections, for outage tests; {@link #calls} counts requests per operation.
 *
 * <p>{@link #main} runs it as a process of its own (bench/transit/stand-in.sh) for the benchmark
 * and the reliability suite: with an added latency per call, a state file that keeps the keys
 * across a restart as Vault's storage would, and {@code GET /stand-in/calls} (not a Vault path)
 * answering the counts.
 */
public final class VaultTransitStandIn implements AutoCloseable {

    /** How the stand-in answers. */
    public enum Availability {
        /** Unsealed and answering. */
        AVAILABLE,
        /** Every call answers 503 {@code Vault is sealed}; health reports {@code sealed: true}. */
        SEALED,
        /** Every connection is closed without an answer. */
        DROPPING
    }

    private static final Pattern KEY_PATH = Pattern.compile("^/v1/transit/keys/([^/]+)(/rotate)?$");
    private static final Pattern OPERATION_PATH =
            Pattern.compile("^/v1/transit/(encrypt|decrypt|rewrap)/([^/]+)$");
    private static final Set<String> KEY_TYPES = Set.of("aes256-gcm96", "aes128-gcm96");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static VaultTransitStandIn shared;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String token;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, TransitKey> keys = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final long latencyMillis;
    private final Optional<Path> stateFile;
    private volatile Availability availability = Availability.AVAILABLE;

    private VaultTransitStandIn(
            String token, int port, long latencyMillis, Optional<Path> stateFile)
            throws IOException {
        this.token = token;
        this.latencyMillis = latencyMillis;
        this.stateFile = stateFile;
        stateFile.filter(Files::exists).ifPresent(this::load);
        this.server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        this.executor =
                Executors.newFixedThreadPool(
                        64,
                        runnable -> {
                            Thread thread = new Thread(runnable, "vault-transit-stand-in");
                            thread.setDaemon(true);
                            return thread;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a stand-in on a free loopback port that accepts the given token. */
    public static VaultTransitStandIn start(String token) {
        return start(token, 0, 0, Optional.empty());
    }

    private static VaultTransitStandIn start(
            String token, int port, long latencyMillis, Optional<Path> stateFile) {
        try {
            return new VaultTransitStandIn(token, port, latencyMillis, stateFile);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Vault transit stand-in", e);
        }
    }

    /**
     * Runs the stand-in until the process is killed: {@code --port N} (required), {@code --token T}
     * (required), {@code --latency-ms M} added before every call but health (default 1, as a Vault
     * on the same network), {@code --state FILE} to keep the keys across restarts.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--port") || !options.containsKey("--token")) {
            System.err.println("usage: --port N --token T [--latency-ms M] [--state FILE]");
            System.exit(2);
        }
        VaultTransitStandIn standIn =
                start(
                        options.get("--token"),
                        Integer.parseInt(options.get("--port")),
                        Long.parseLong(options.getOrDefault("--latency-ms", "1")),
                        Optional.ofNullable(options.get("--state")).map(Path::of));
        System.out.println(
                "Vault transit stand-in listening on "
                        + standIn.uri()
                        + ", latency "
                        + standIn.latencyMillis
                        + " ms");
        Thread.currentThread().join();
    }

    /** The one stand-in of this JVM that Spring contexts point {@code VAULT_URI} at. */
    public static synchronized VaultTransitStandIn shared() {
        if (shared == null) {
            shared = start("s." + UUID.randomUUID().toString().replace("-", ""));
        }
        return shared;
    }

    public URI uri() {
        return URI.create(
                "http://"
                        + server.getAddress().getHostString()
                        + ":"
                        + server.getAddress().getPort());
    }

    public String token() {
        return token;
    }

    public void availability(Availability availability) {
        this.availability = availability;
    }

    /**
     * Requests answered so far for an operation: {@code encrypt}, {@code decrypt}, {@code rewrap},
     * {@code rotate}…
     */
    public long calls(String operation) {
        AtomicLong count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    /** The latest version of a transit key, or 0 when it does not exist. */
    public int latestVersion(String keyName) {
        TransitKey key = keys.get(keyName);
        return key == null ? 0 : key.latest();
    }

    /** Creates a key as {@code POST /v1/transit/keys/:name} with {@code derived: true} would. */
    public void createDerivedKey(String keyName) {
        keys.put(keyName, new TransitKey(keyName, "aes256-gcm96", true));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (availability == Availability.DROPPING) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/v1/sys/health") && method.equals("GET")) {
                count("health");
                health(exchange);
                return;
            }
            if (availability == Availability.SEALED) {
                errors(exchange, 503, "Vault is sealed");
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
                errors(exchange, 403, "permission denied");
                return;
            }
            if (path.equals("/stand-in/calls") && method.equals("GET")) {
                ObjectNode counts = json.createObjectNode();
                new TreeMap<>(calls)
                        .forEach((operation, count) -> counts.put(operation, count.get()));
                send(exchange, 200, counts);
                return;
            }
            delay();
            JsonNode body;
            try {
                body = readBody(exchange);
            } catch (JacksonException e) {
                errors(exchange, 400, "failed to parse JSON input: " + e.getOriginalMessage());
                return;
            }
            route(exchange, method, path, body);
        }
    }

    private void route(HttpExchange exchange, String method, String path, JsonNode body)
            throws IOException {
        if (path.equals("/v1/transit/keys")
                && method.equals("GET")
                && "list=true".equals(exchange.getRequestURI().getQuery())) {
            count("list");
            if (keys.isEmpty()) {
                errors(exchange, 404);
                return;
            }
            ObjectNode data = json.createObjectNode();
            ArrayNode names = data.putArray("keys");
            new TreeMap<>(keys).keySet().forEach(names::add);
            data(exchange, 200, data);
            return;
        }
        Matcher keyPath = KEY_PATH.matcher(path);
        if (keyPath.matches()) {
            String name = keyPath.group(1);
            boolean rotate = keyPath.group(2) != null;
            if (rotate && method.equals("POST")) {
                count("rotate");
                TransitKey key = keys.get(name);
                if (key == null) {
                    errors(exchange, 400, "key not found");
                    return;
                }
                key.rotate();
                save();
                data(exchange, 200, key.describe(json));
            } else if (!rotate && method.equals("GET")) {
                count("read");
                TransitKey key = keys.get(name);
                if (key == null) {
                    errors(exchange, 404);
                    return;
                }
                data(exchange, 200, key.describe(json));
            } else if (!rotate && method.equals("POST")) {
                count("create");
                String type = body.path("type").asString("aes256-gcm96");
                if (!KEY_TYPES.contains(type)) {
                    errors(exchange, 400, "unknown key type " + type);
                    return;
                }
                TransitKey key =
                        keys.computeIfAbsent(
                                name,
                                n ->
                                        new TransitKey(
                                                n, type, body.path("derived").asBoolean(false)));
                save();
                data(exchange, 200, key.describe(json));
            } else {
                errors(exchange, 405);
            }
            return;
        }
        Matcher operation = OPERATION_PATH.matcher(path);
        if (operation.matches() && method.equals("POST")) {
            count(operation.group(1));
            switch (operation.group(1)) {
                case "encrypt" ->
                        batchOrSingle(
                                exchange, body, input -> encrypt(operation.group(2), input), true);
                case "decrypt" ->
                        batchOrSingle(
                                exchange, body, input -> decrypt(operation.group(2), input), true);
                default ->
                        batchOrSingle(
                                exchange, body, input -> rewrap(operation.group(2), input), false);
            }
            return;
        }
        errors(exchange, 404, "1 error occurred:\n\t* unsupported path\n\n");
    }

    /**
     * Vault answers a batch with one result per item; a failed item turns the whole encrypt or
     * decrypt answer into HTTP 400 carrying the full result list (rewrap keeps 200 with per-item
     * errors).
     */
    private void batchOrSingle(
            HttpExchange exchange, JsonNode body, ItemOperation operation, boolean failWholeBatch)
            throws IOException {
        JsonNode batch = body.get("batch_input");
        if (batch == null) {
            try {
                data(exchange, 200, operation.apply(body));
            } catch (VaultError e) {
                errors(exchange, 400, e.getMessage());
            }
            return;
        }
        ObjectNode data = json.createObjectNode();
        ArrayNode results = data.putArray("batch_results");
        boolean failed = false;
        for (JsonNode item : batch) {
            try {
                ObjectNode result = operation.apply(item);
                result.put("reference", item.path("reference").asString(""));
                results.add(result);
            } catch (VaultError e) {
                failed = true;
                results.add(
                        json.createObjectNode()
                                .put("error", e.getMessage())
                                .put("reference", item.path("reference").asString("")));
            }
        }
        data(exchange, failed && failWholeBatch ? 400 : 200, data);
    }

    private ObjectNode encrypt(String keyName, JsonNode input) throws VaultError {
        String plaintextText = input.path("plaintext").asString(null);
        if (plaintextText == null) {
            throw new VaultError("missing plaintext to encrypt");
        }
        byte[] plaintext;
        try {
            plaintext = Base64.getDecoder().decode(plaintextText);
        } catch (IllegalArgumentException e) {
            throw new VaultError("failed to base64-decode plaintext");
        }
        TransitKey key = keys.get(keyName);
        if (key == null) {
            key = keys.computeIfAbsent(keyName, n -> new TransitKey(n, "aes256-gcm96", false));
            save();
        }
        int version = key.encryptionVersion(input.path("key_version"));
        return json.createObjectNode()
                .put("ciphertext", key.encrypt(version, plaintext, input))
                .put("key_version", version);
    }

    private ObjectNode decrypt(String keyName, JsonNode input) throws VaultError {
        TransitKey key = requireKey(keyName);
        byte[] plaintext = key.decrypt(input.path("ciphertext").asString(null), input);
        return json.createObjectNode()
                .put("plaintext", Base64.getEncoder().encodeToString(plaintext));
    }

    private ObjectNode rewrap(String keyName, JsonNode input) throws VaultError {
        TransitKey key = requireKey(keyName);
        byte[] plaintext = key.decrypt(input.path("ciphertext").asString(null), input);
        int version = key.encryptionVersion(input.path("key_version"));
        return json.createObjectNode()
                .put("ciphertext", key.encrypt(version, plaintext, input))
                .put("key_version", version);
    }

    private TransitKey requireKey(String keyName) throws VaultError {
        TransitKey key = keys.get(keyName);
        if (key == null) {
            throw new VaultError("encryption key not found");
        }
        return key;
    }

    private void health(HttpExchange exchange) throws IOException {
        boolean sealed = availability == Availability.SEALED;
        ObjectNode health =
                json.createObjectNode()
                        .put("initialized", true)
                        .put("sealed", sealed)
                        .put("standby", false)
                        .put("performance_standby", false)
                        .put("replication_performance_mode", "disabled")
                        .put("replication_dr_mode", "disabled")
                        .put("server_time_utc", Instant.now().getEpochSecond())
                        .put("version", "1.20.4+stand-in");
        if (!sealed) {
            health.put("cluster_name", "vault-cluster-stand-in")
                    .put("cluster_id", UUID.randomUUID().toString());
        }
        send(exchange, sealed ? 503 : 200, health);
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return json.createObjectNode();
            }
            return json.readTree(bytes);
        }
    }

    private void data(HttpExchange exchange, int status, ObjectNode data) throws IOException {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("request_id", UUID.randomUUID().toString())
                .put("lease_id", "")
                .put("renewable", false)
                .put("lease_duration", 0);
        envelope.set("data", data);
        envelope.putNull("wrap_info");
        envelope.putNull("warnings");
        envelope.putNull("auth");
        envelope.put("mount_type", "transit");
        send(exchange, status, envelope);
    }

    private void errors(HttpExchange exchange, int status, String... errors) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("errors");
        for (String error : errors) {
            list.add(error);
        }
        send(exchange, status, body);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void delay() {
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes every key to the state file (atomically replaced), so a restarted process decrypts
     * what it encrypted.
     */
    private synchronized void save() {
        if (stateFile.isEmpty()) {
            return;
        }
        ObjectNode state = json.createObjectNode();
        new TreeMap<>(keys).forEach((name, key) -> state.set(name, key.export(json)));
        Path file = stateFile.get();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temporary, json.writeValueAsBytes(state));
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stand-in's state to " + file, e);
        }
    }

    private void load(Path file) {
        try {
            json.readTree(Files.readAllBytes(file))
                    .properties()
                    .forEach(
                            entry ->
                                    keys.put(
                                            entry.getKey(),
                                            TransitKey.restore(entry.getKey(), entry.getValue())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stand-in's state from " + file, e);
        }
    }

    private void count(String operation) {
        calls.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
    }

    @FunctionalInterface
    private interface ItemOperation {
        ObjectNode apply(JsonNode input) throws VaultError;
    }

    /** A user error Vault answers with 400 and this message. */
    private static final class VaultError extends Exception {

        VaultError(String message) {
            super(message, null, false, false);
        }
    }

    /** One named transit key and its versions, as transit's keysutil policy keeps them. */
    private static final class TransitKey {

        private final String name;
        private final String type;
        private final boolean derived;
        private final TreeMap<Integer, byte[]> versions = new TreeMap<>();
        private final Map<Integer, Long> created = new LinkedHashMap<>();
        private final int minDecryptionVersion = 1;
        private final int minEncryptionVersion = 0;

        TransitKey(String name, String type, boolean derived) {
            this(name, type, derived, true);
        }

        private TransitKey(String name, String type, boolean derived, boolean firstVersion) {
            this.name = name;
            this.type = type;
            this.derived = derived;
            if (firstVersion) {
                rotate();
            }
        }

        static TransitKey restore(String name, JsonNode state) {
            TransitKey key =
                    new TransitKey(
                            name,
                            state.path("type").asString(),
                            state.path("derived").asBoolean(),
                            false);
            state.path("versions")
                    .properties()
                    .forEach(
                            version -> {
                                int number = Integer.parseInt(version.getKey());
                                key.versions.put(
                                        number,
                                        Base64.getDecoder()
                                                .decode(version.getValue().path("key").asString()));
                                key.created.put(
                                        number, version.getValue().path("created").asLong());
                            });
            return key;
        }

        synchronized ObjectNode export(JsonMapper json) {
            ObjectNode state = json.createObjectNode().put("type", type).put("derived", derived);
            ObjectNode exported = state.putObject("versions");
            versions.forEach(
                    (version, key) ->
                            exported.putObject(Integer.toString(version))
                                    .put("key", Base64.getEncoder().encodeToString(key))
                                    .put("created", created.get(version)));
            return state;
        }

        synchronized void rotate() {
            byte[] key = new byte[type.equals("aes128-gcm96") ? 16 : 32];
            RANDOM.nextBytes(key);
            int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
            versions.put(version, key);
            created.put(version, Instant.now().getEpochSecond());
        }

        synchronized int latest() {
            return versions.lastKey();
        }

        synchronized ObjectNode describe(JsonMapper json) {
            ObjectNode data = json.createObjectNode();
            data.put("name", name)
                    .put("type", type)
                    .put("derived", derived)
                    .put("exportable", false)
                    .put("allow_plaintext_backup", false)
                    .put("deletion_allowed", false)
                    .put("latest_version", latest())
                    .put("min_available_version", 0)
                    .put("min_decryption_version", minDecryptionVersion)
                    .put("min_encryption_version", minEncryptionVersion)
                    .put("supports_encryption", true)
                    .put("supports_decryption", true)
                    .put("supports_derivation", true)
                    .put("supports_signing", false)
                    .put("imported_key", false)
                    .put("auto_rotate_period", 0);
            if (derived) {
                data.put("kdf", "hkdf_sha256");
            }
            ObjectNode keyTimes = data.putObject("keys");
            created.forEach((version, seconds) -> keyTimes.put(Integer.toString(version), seconds));
            return data;
        }

        synchronized int encryptionVersion(JsonNode requested) throws VaultError {
            if (requested.isMissingNode() || requested.isNull()) {
                return latest();
            }
            int version;
            try {
                version =
                        requested.isNumber()
                                ? requested.asInt()
                                : Integer.parseInt(requested.asString());
            } catch (NumberFormatException e) {
                throw new VaultError("invalid key_version");
            }
            if (version == 0) {
                return latest();
            }
            if (version > latest()) {
                throw new VaultError(
                        "requested version for encryption is higher than the latest key version");
            }
            if (version < Math.max(minEncryptionVersion, 1)) {
                throw new VaultError(
                        "requested version for encryption is less than the minimum encryption key "
                                + "version");
            }
            return version;
        }

        synchronized String encrypt(int version, byte[] plaintext, JsonNode input)
                throws VaultError {
            requireContext(input);
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(
                        Cipher.ENCRYPT_MODE,
                        new SecretKeySpec(versions.get(version), "AES"),
                        new GCMParameterSpec(TAG_BITS, nonce));
                byte[] sealed = cipher.doFinal(plaintext);
                byte[] out = new byte[NONCE_BYTES + sealed.length];
                System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
                System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
                return "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized byte[] decrypt(String ciphertext, JsonNode input) throws VaultError {
            if (ciphertext == null || ciphertext.isEmpty()) {
                throw new VaultError("missing ciphertext to decrypt");
            }
            requireContext(input);
            if (!ciphertext.startsWith("vault:")) {
                throw new VaultError("invalid ciphertext: no prefix");
            }
            String[] parts = ciphertext.split(":", 3);
            if (parts.length != 3) {
                throw new VaultError("invalid ciphertext: wrong number of fields");
            }
            int version;
            try {
                if (!parts[1].startsWith("v")) {
                    throw new NumberFormatException();
                }
                version = Math.max(1, Integer.parseInt(parts[1].substring(1)));
            } catch (NumberFormatException e) {
                throw new VaultError("invalid ciphertext: version number could not be decoded");
            }
            if (version > latest()) {
                throw new VaultError("invalid ciphertext: version is too new");
            }
            if (version < minDecryptionVersion) {
                throw new VaultError(
                        "ciphertext or signature version is disallowed by policy (too old)");
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(parts[2]);
            } catch (IllegalArgumentException e) {
                throw new VaultError("invalid ciphertext: could not decode base64");
            }
            if (decoded.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new VaultError("invalid ciphertext length");
            }
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(
                        Cipher.DECRYPT_MODE,
                        new SecretKeySpec(versions.get(version), "AES"),
                        new GCMParameterSpec(TAG_BITS, decoded, 0, NONCE_BYTES));
                return cipher.doFinal(decoded, NONCE_BYTES, decoded.length - NONCE_BYTES);
            } catch (AEADBadTagException e) {
                throw new VaultError("cipher: message authentication failed");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Key derivation itself is not modelled: a derived key is refused as Vault refuses it
         * without context.
         */
        private void requireContext(JsonNode input) throws VaultError {
            if (derived) {
                if (input.path("context").asString("").isEmpty()) {
                    throw new VaultError(
                            "missing 'context' for key derivation; the key was created using a derived "
                                    + "key, which means additional, per-request information must be included in order to "
                                    + "perform operations with the key");
                }
                throw new VaultError("key derivation is not supported by this stand-in");
            }
        }
    }
}
