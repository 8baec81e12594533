package io.modellibrary.web;

import io.modellibrary.org.OrgViews;

import java.util.List;

/** The view models of the account, settings and organisation pages: plain values, escaped by the templates. */
final class AccountViews {

    private AccountViews() {
    }

    /** An organisation as a link, with the role the user holds there. */
    record OrgLinkRow(String name, String url, String role) {
    }

    /**
     * A user's profile page at {@code /{name}}.
     *
     * @param self        true when the caller is this user (their private repositories are listed too)
     * @param invitations the organisations inviting this user, with the role offered, each linking to the
     *                    organisation's page where it is accepted or declined; only on the user's own page (empty otherwise)
     */
    record UserProfile(String name, String avatar, String joined, boolean self, List<WebViews.Card> models,
                       List<WebViews.Card> datasets, List<OrgLinkRow> organisations, List<OrgLinkRow> invitations) {
    }

    /** A member of an organisation ({@code name} and {@code url} as in {@link OrgLinkRow}: the templates list both alike). */
    record MemberRow(String name, String url, String role, String since) {
    }

    /**
     * An organisation's page at {@code /{name}}.
     *
     * @param yourRole   the caller's role, null when not a member
     * @param members    null unless the caller is a member (the API shows members to members only)
     * @param joinState  {@code anonymous}, {@code member}, {@code requested}, {@code invited}, {@code none} or
     *                   {@code closed} (no admin could answer a join request: the demo catalogue's organisations)
     * @param invitedAs  the role an invitation offers the caller, or null
     */
    record OrgProfile(String name, String avatar, String created, String yourRole, List<MemberRow> members,
                      List<WebViews.Card> models, List<WebViews.Card> datasets, String joinState, String invitedAs) {

        /** True when the caller is an admin of it (public: the template calls it). */
        public boolean isAdmin() {
            return "admin".equals(yourRole);
        }

        /**
         * True when the caller may leave it: any member but its only admin, whom the server refuses (409:
         * an organisation keeps an admin), so the page offers no button that can only fail.
         */
        public boolean mayLeave() {
            return !isAdmin() || members != null && members.stream().filter(m -> "admin".equals(m.role())).count() > 1;
        }

        /** True when the caller may create repositories in it ({@code write} or {@code admin}; public: the template calls it). */
        public boolean mayCreate() {
            return isAdmin() || "write".equals(yourRole);
        }
    }

    /** An organisation's members page for its admins: members, waiting join requests, sent invitations. */
    record MembersPage(String org, List<MemberRow> members, List<OrgViews.Pending> requests, List<OrgViews.Pending> invitations) {
    }
}
