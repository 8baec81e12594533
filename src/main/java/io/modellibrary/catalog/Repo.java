package io.modellibrary.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model or dataset repository. {@code activeFilters} keeps each facet's labels as
 * written; {@code labelKeys} holds the same labels as lower-case {@code facet:label}
 * keys, so that case-insensitive AND filtering is one indexed {@code $all}.
 */
@Document(Repo.COLLECTION)
public class Repo {

    public static final String COLLECTION = "repos";

    @Id
    private String id;
    private String type;
    private String name;
    private String nameLower;
    private String owner;
    private String author;
    private String avatar;
    private String description;
    private Map<String, List<String>> activeFilters = new LinkedHashMap<>();
    private List<String> labelKeys = new ArrayList<>();
    @Field("isPrivate")
    private boolean privateRepo;
    private long downloads;
    private long likes;
    private long trendingScore;
    private Instant lastActivityAt;
    private Instant createdAt;
    private Instant lastModified;
    private String lastModifiedInformation;

    protected Repo() {
    }

    public Repo(RepoType type, String name, String owner, String author, String avatar) {
        this.type = type.id();
        this.owner = owner;
        this.author = author;
        this.avatar = avatar;
        rename(name);
    }

    /** The lower-case key stored in {@code labelKeys} for a facet's label. */
    public static String labelKey(String facet, String label) {
        return facet + ":" + label.toLowerCase(Locale.ROOT);
    }

    public final void rename(String newName) {
        this.name = newName;
        this.nameLower = newName.toLowerCase(Locale.ROOT);
    }

    /** Gives the repository a new name, and with it possibly a new owning namespace. */
    public void moveTo(String newName, String newOwner) {
        rename(newName);
        this.owner = newOwner;
    }

    /** Replaces the labels; facets the type does not have are dropped. */
    public void setFacets(Map<String, List<String>> facets) {
        RepoType repoType = repoType();
        Map<String, List<String>> kept = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (String facet : repoType.facets()) {
            List<String> labels = facets == null ? List.of() : facets.getOrDefault(facet, List.of());
            kept.put(facet, List.copyOf(labels));
            labels.forEach(label -> keys.add(labelKey(facet, label)));
        }
        this.activeFilters = kept;
        this.labelKeys = keys;
    }

    public void touch(Instant when, String information) {
        if (createdAt == null) {
            createdAt = when;
        }
        lastModified = when;
        lastModifiedInformation = information;
    }

    public RepoType repoType() {
        return RepoType.parse(type);
    }

    public String getId() { return id; }
    public String getType() { return type; }
    public String getName() { return name; }
    public String getOwner() { return owner; }
    public String getAuthor() { return author; }
    public String getAvatar() { return avatar; }
    public String getDescription() { return description; }
    public Map<String, List<String>> getActiveFilters() { return activeFilters; }
    public List<String> getLabelKeys() { return labelKeys; }
    public boolean isPrivateRepo() { return privateRepo; }
    public long getDownloads() { return downloads; }
    public long getLikes() { return likes; }
    public long getTrendingScore() { return trendingScore; }
    public Instant getLastActivityAt() { return lastActivityAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getLastModified() { return lastModified; }
    public String getLastModifiedInformation() { return lastModifiedInformation; }

    public void setDescription(String description) { this.description = description; }
    public void setPrivateRepo(boolean privateRepo) { this.privateRepo = privateRepo; }
    public void setDownloads(long downloads) { this.downloads = downloads; }
    public void setLikes(long likes) { this.likes = likes; }
}
