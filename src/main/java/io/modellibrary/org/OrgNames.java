package io.modellibrary.org;

import io.modellibrary.account.Names;
import io.modellibrary.common.BadRequestException;

import java.util.regex.Pattern;

/**
 * Organisation names: the rule of the seed's {@code team} field (1 to 32 letters, digits,
 * {@code - _ .}, starting and ending with a letter or digit), not reserved, unique with
 * user names ignoring case ({@link io.modellibrary.account.Namespaces}).
 */
final class OrgNames {

    private static final Pattern VALID = Pattern.compile(Names.TEAM_PATTERN);

    private OrgNames() {
    }

    static String key(String name) {
        return Names.key(name);
    }

    /** The name, checked; a 400 naming the field otherwise. */
    static String valid(String field, String name) {
        if (name == null || name.isEmpty() || !VALID.matcher(name).matches()) {
            throw new BadRequestException(field + " " + Names.TEAM_RULE.replace("must be empty or ", "must be "));
        }
        Names.requireNotReserved(field, name);
        return name;
    }
}
