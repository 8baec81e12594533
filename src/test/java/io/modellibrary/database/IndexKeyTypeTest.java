package io.modellibrary.database;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded database's unique indexes compare their common keys without serialising them
 * ({@link IndexKeyType}), in exactly the order and the bytes H2 gave them before, so that the
 * files written by earlier versions still find every document, and the other way round.
 */
class IndexKeyTypeTest {

    @TempDir
    Path dir;

    @Test
    void ordersEveryKindOfKeyExactlyAsH2sOwnTypeDoes() {
        ObjectDataType stock = new ObjectDataType();
        IndexKeyType fast = new IndexKeyType();
        List<KeyValue> keys = keys(new Random(20261206L), 400);
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(fast.compare(a, b))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(stock.compare(a, b)));
            }
        }
    }

    @Test
    void storesEveryKindOfKeyInH2sOwnBytesAndReadsBackTheSameKey() {
        ObjectDataType stock = new ObjectDataType();
        IndexKeyType fast = new IndexKeyType();
        for (KeyValue key : keys(new Random(5L), 400)) {
            byte[] written = bytes(fast, key);
            assertThat(written).as("%s", key).isEqualTo(bytes(stock, key));
            assertThat(fast.read(ByteBuffer.wrap(written))).as("%s", key).isEqualTo(key);
            assertThat(stock.read(ByteBuffer.wrap(written))).as("%s", key).isEqualTo(key);
        }
    }

    @Test
    void aFileTheStockBackendWroteFindsEveryDocumentByIdAndRefusesItsDuplicates() {
        Path file = dir.resolve("data").resolve("mongo.mv");
        assertThat(file.getParent().toFile().mkdirs()).isTrue();
        List<String> ids = ids(new Random(7L), 3000);
        MVStore old = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer stockServer = new MongoServer(new H2Backend(old));
        InetSocketAddress address = stockServer.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            blobs(client).insertMany(ids.stream().map(id -> new Document("_id", id).append("size", id.length())).toList());
        } finally {
            stockServer.shutdown();
        }

        try (EmbeddedMongoServer server = new EmbeddedMongoServer(file, 16);
             MongoClient client = MongoClients.create(server.connectionString("modellibrary"))) {
            MongoCollection<Document> blobs = blobs(client);
            for (String id : ids) {
                assertThat(blobs.find(eq("_id", id)).first()).as(id).isNotNull().extracting(d -> d.get("size")).isEqualTo(id.length());
            }
            assertThatThrownBy(() -> blobs.insertOne(new Document("_id", ids.get(17))))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
            blobs.insertOne(new Document("_id", "a key no earlier version wrote"));
            assertThat(blobs.countDocuments()).isEqualTo(ids.size() + 1);
        }
    }

    @Test
    void aFileThisServerWroteIsReadByTheStockBackend() {
        Path file = dir.resolve("data").resolve("mongo.mv");
        List<String> ids = ids(new Random(11L), 3000);
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(file, 16);
             MongoClient client = MongoClients.create(server.connectionString("modellibrary"))) {
            blobs(client).insertMany(ids.stream().map(id -> new Document("_id", id).append("size", id.length())).toList());
        }

        MongoServer stockServer = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file.toString()).open()));
        InetSocketAddress address = stockServer.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> blobs = blobs(client);
            for (String id : ids) {
                assertThat(blobs.find(eq("_id", id)).first()).as(id).isNotNull();
            }
        } finally {
            stockServer.shutdown();
        }
    }

    private static List<String> ids(Random random, int count) {
        return keys(random, count).stream().map(k -> k.get(0)).filter(String.class::isInstance).map(String.class::cast)
                .distinct().toList();
    }

    private static byte[] bytes(ObjectDataType type, KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, key);
        ByteBuffer written = buffer.getBuffer().flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    /** Keys of one printable ASCII string (most), of other strings, of numbers and compound keys. */
    private static List<KeyValue> keys(Random random, int count) {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (i % 8) {
                case 0 -> keys.add(new KeyValue(hex(random, 64)));
                case 1 -> keys.add(new KeyValue(printable(random, random.nextInt(3))));
                case 2, 3, 4 -> keys.add(new KeyValue(printable(random, random.nextInt(40))));
                case 5 -> keys.add(new KeyValue(printable(random, 10) + (char) (random.nextBoolean() ? 0xe9 : 0x7f)
                        + printable(random, 3)));
                case 6 -> keys.add(new KeyValue((double) random.nextInt(1000)));
                default -> keys.add(new KeyValue(printable(random, 5), printable(random, 5)));
            }
        }
        keys.add(new KeyValue("x".repeat(70_000)));
        keys.add(new KeyValue("y"));
        keys.add(new KeyValue(""));
        return keys;
    }

    private static String hex(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private static String printable(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return s.toString();
    }

    private static MongoCollection<Document> blobs(MongoClient client) {
        return client.getDatabase("modellibrary").getCollection("blobs");
    }
}
