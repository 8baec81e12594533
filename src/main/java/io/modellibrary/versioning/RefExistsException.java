package io.modellibrary.versioning;

/**
 * A branch or tag that cannot be created because the name is taken, by a branch or by a
 * tag ({@code main} always is). The web layer answers 409 with the message.
 */
public class RefExistsException extends RuntimeException {

    private final Refs.Kind kind;
    private final String name;

    /**
     * @param kind what holds the name now
     * @param name the name
     */
    public RefExistsException(Refs.Kind kind, String name) {
        super("a " + kind.id() + " named " + name + " already exists");
        this.kind = kind;
        this.name = name;
    }

    /**
     * A name that differs only in case from an existing ref's.
     *
     * @param kind     what holds the existing name
     * @param existing the existing ref's name
     * @param asked    the name asked for
     */
    public RefExistsException(Refs.Kind kind, String existing, String asked) {
        super("a " + kind.id() + " named " + existing + " already exists; " + asked
                + " differs from it only in case, and ref names must differ ignoring case");
        this.kind = kind;
        this.name = asked;
    }

    private RefExistsException(String message, Refs.Kind kind, String asked) {
        super(message);
        this.kind = kind;
        this.name = asked;
    }

    /**
     * A name that would put one ref inside another's name as if it were a folder ({@code feat/x}
     * and {@code feat/x/y}, ignoring case): git keeps refs as files, so it cannot hold both, and
     * neither could a clone of the repository.
     *
     * @param kind     what holds the existing name (the same kind: branches and tags are apart)
     * @param existing the existing ref's name
     * @param asked    the name asked for
     */
    public static RefExistsException folderClash(Refs.Kind kind, String existing, String asked) {
        return new RefExistsException("a " + kind.id() + " named " + existing + " already exists; " + asked
                + " would make one of them a folder of the other, which git cannot hold", kind, asked);
    }

    /** What holds the name now. */
    public Refs.Kind kind() {
        return kind;
    }

    /** The name asked for. */
    public String name() {
        return name;
    }
}
