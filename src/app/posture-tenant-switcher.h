/* posture-tenant-switcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-tenant.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_TENANT_SWITCHER (posture_tenant_switcher_get_type ())

G_DECLARE_FINAL_TYPE (
    PostureTenantSwitcher, posture_tenant_switcher, POSTURE, TENANT_SWITCHER, GtkWidget)

/* A header-bar menu button showing the active tenant, with a popover listing the
 * demo tenant and the signed-in tenants (the `tenants` key of @settings),
 * "Sign In to Another Tenant…" (activates win.sign-in) and "Sign Out".
 *
 * "active-tenant" (string, "" = the demo tenant) follows the `active-tenant` key;
 * picking a tenant writes the key and notifies the property, which the window
 * listens to. Sign Out asks first, then clears the tenant's items in @store
 * (every cloud and client id), removes it from `tenants`, and switches to the demo
 * when it was active. @store may be NULL: the Secret Service. */
PostureTenantSwitcher *posture_tenant_switcher_new               (GSettings             *settings,
                                                                  PostureTokenStore     *store);
const char            *posture_tenant_switcher_get_active_tenant (PostureTenantSwitcher *self);
void                   posture_tenant_switcher_set_active_tenant (PostureTenantSwitcher *self,
                                                                  const char            *tenant);
/* The name shown for @tenant (e.g. the organization's display name read from the
 * snapshot); NULL shows the tenant as typed. */
void                   posture_tenant_switcher_set_tenant_title  (PostureTenantSwitcher *self,
                                                                  const char            *tenant,
                                                                  const char            *title);
/* The label of the menu button: the active tenant's title. */
const char            *posture_tenant_switcher_get_label         (PostureTenantSwitcher *self);
/* Signs out of @tenant without asking (the confirmed half of Sign Out). Finishes
 * with the number of keyring items removed. */
void posture_tenant_switcher_sign_out_async (PostureTenantSwitcher *self,
                                             const char *tenant,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
gboolean posture_tenant_switcher_sign_out_finish (PostureTenantSwitcher *self,
                                                  GAsyncResult *result,
                                                  guint *out_removed,
                                                  GError **error);

G_END_DECLS
