package dev.duoconformance.behaviour;

import java.util.List;
import java.util.Optional;

/**
 * Whether an administrator's token acts as an administrator. {@code GET /api/v4/user} shows the stored admin flag
 * ({@code is_admin}, lib/api/entities/user_with_admin.rb) whether or not Admin Mode is on; with Admin Mode on, a token
 * gets admin rights only with the {@code admin_mode} scope (lib/api/api_guard.rb). So the one way to tell from outside
 * is an admin-only read: {@code GET /api/v4/license} ({@code authenticated_as_admin!}, ee/lib/api/license.rb) answers 403.
 */
public final class AdminMode {
    private AdminMode() {}

    /**
     * The problem with an administrator's token, or empty when it acts as one (or the answers leave it open).
     *
     * @param licenseStatus the status of {@code GET /api/v4/license} with this token, sent only when the other two leave it open
     */
    public static Optional<String> problem(
            String key,
            String description,
            boolean isAdmin,
            List<String> scopes,
            java.util.function.IntSupplier licenseStatus) {
        if (!isAdmin) {
            return Optional.of(
                    key + " does not act as an administrator: it belongs to a user who is not an administrator "
                            + "(GET /api/v4/user shows no is_admin: true), so GitLab answers its admin queries with null. Use "
                            + description + ".");
        }
        if (scopes.contains("admin_mode")) {
            return Optional.empty();
        }
        if (licenseStatus.getAsInt() == 403) {
            return Optional.of("Admin Mode is on and " + key + " lacks the admin_mode scope (scopes: " + scopes
                    + "): GitLab answered "
                    + "GET /api/v4/license with 403 Forbidden although GET /api/v4/user shows is_admin: true. Add the admin_mode scope (create "
                    + description + ").");
        }
        return Optional.empty();
    }
}
