package io.modellibrary.demo;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.org.ReservedOrgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.modellibrary.database.Migration;
import io.modellibrary.database.MigrationOrder;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the demo catalogue on first start: when {@code modellibrary.demo-data} is on and
 * the catalogue is empty. The last start-up {@link Migration} ({@link MigrationOrder}), after
 * the catalogue's indexes; recorded once loaded, asked again at every start until then. The
 * owners of the demo repositories become organisations without members
 * ({@link ReservedOrgs}), so that nobody can register {@code dslim} and own
 * {@code dslim/bert-base-NER}; the repositories are listed for {@link DemoFiles}, which
 * gives them their files in the background.
 */
@Component
@Order(MigrationOrder.DEMO_CATALOGUE)
class DemoCatalogue implements Migration {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    private final MongoTemplate mongo;
    private final ModelLibraryProperties properties;
    private final ReservedOrgs reservedOrgs;

    DemoCatalogue(MongoTemplate mongo, ModelLibraryProperties properties, ReservedOrgs reservedOrgs) {
        this.mongo = mongo;
        this.properties = properties;
        this.reservedOrgs = reservedOrgs;
    }

    @Override
    public String name() {
        return "demo-catalogue";
    }

    @Override
    public boolean applies() {
        return properties.demoData() && mongo.estimatedCount(Repo.class) == 0;
    }

    @Override
    public void run() {
        int modelCount = properties.demoSize() * DemoRepos.MODELS / (DemoRepos.MODELS + DemoRepos.DATASETS);
        List<Repo> models = new DemoRepos(RepoType.MODEL).generate(modelCount);
        List<Repo> datasets = new DemoRepos(RepoType.DATASET).generate(properties.demoSize() - modelCount);
        mongo.insertAll(models);
        mongo.insertAll(datasets);
        List<Repo> all = new ArrayList<>(models);
        all.addAll(datasets);
        // The most downloaded first: the first pages of the lists get their files first.
        DemoFiles.schedule(mongo, all.stream().sorted(Comparator.comparingLong(Repo::getDownloads).reversed())
                .map(Repo::getId).toList());
        Map<String, String> owners = new LinkedHashMap<>(); // by key: names are unique ignoring case
        all.forEach(repo -> owners.putIfAbsent(repo.getOwner().toLowerCase(Locale.ROOT), repo.getOwner()));
        owners.values().forEach(reservedOrgs::reserve);
        log.info("Loaded the demo catalogue: {} models, {} datasets; {} owners reserved as organisations",
                models.size(), datasets.size(), owners.size());
    }
}
