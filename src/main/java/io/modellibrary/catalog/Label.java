package io.modellibrary.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One label of the taxonomy: a facet's value such as task {@code Text Classification}. */
@Document("labels")
record Label(@Id String id, String type, String facet, String name, int position) {

    static Label of(String type, String facet, String name, int position) {
        return new Label(null, type, facet, name, position);
    }

    Label withId(String newId) {
        return new Label(newId, type, facet, name, position);
    }
}
