package io.modellibrary.demo;

import io.modellibrary.catalog.CatalogStartup;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.ModelLibraryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Loads the demo catalogue on first start: when {@code modellibrary.demo-data} is on and
 * the catalogue is empty. Runs after {@link CatalogStartup} has made the indexes.
 */
@Component
class DemoCatalogue implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    private final MongoTemplate mongo;
    private final ModelLibraryProperties properties;

    DemoCatalogue(MongoTemplate mongo, ModelLibraryProperties properties, CatalogStartup startedFirst) {
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (!properties.demoData() || mongo.estimatedCount(Repo.class) > 0) {
            return;
        }
        int modelCount = properties.demoSize() * DemoRepos.MODELS / (DemoRepos.MODELS + DemoRepos.DATASETS);
        List<Repo> models = new DemoRepos(RepoType.MODEL).generate(modelCount);
        List<Repo> datasets = new DemoRepos(RepoType.DATASET).generate(properties.demoSize() - modelCount);
        mongo.insertAll(models);
        mongo.insertAll(datasets);
        log.info("Loaded the demo catalogue: {} models, {} datasets", models.size(), datasets.size());
    }
}
