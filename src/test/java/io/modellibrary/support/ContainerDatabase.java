package io.modellibrary.support;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * A real MongoDB for the test context, used when {@link TestDatabaseEnvironment} found
 * Docker (it then switches the embedded server off): a single-node replica set, as
 * production runs it (transactions and change streams need one). Testcontainers 2 starts a
 * standalone mongod unless asked for the replica set.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "modellibrary.mongo.embedded", havingValue = "false")
public class ContainerDatabase {

    @Bean
    @ServiceConnection
    MongoDBContainer mongoDbContainer() {
        return new MongoDBContainer("mongo:7").withReplicaSet();
    }
}
