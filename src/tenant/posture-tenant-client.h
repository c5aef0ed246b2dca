/* posture-tenant-client.h: reads a tenant's snapshot and applies remediation writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-oauth.h"
#include "posture-snapshot.h"
#include "posture-tenant-progress.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_TENANT_CLIENT (posture_tenant_client_get_type ())

G_DECLARE_FINAL_TYPE (PostureTenantClient, posture_tenant_client, POSTURE, TENANT_CLIENT, GObject)

/* The Dataverse columns read from each environment's organizations row (DESIGN.md "The
 * APIs"; restrictGuestUserAccess spelled as the service spells it). */
#define POSTURE_DATAVERSE_SELECT \
  "organizationid,enableipbasedfirewallrule,enableipbasedfirewallruleinauditmode," \
  "allowediprangeforfirewall,allowedlistofiprangesforfirewall,enableipbasedcookiebinding," \
  "isauditenabled,isuseraccessauditenabled,auditretentionperiodv2," \
  "iscontentsecuritypolicyenabled,iscontentsecuritypolicyenabledforcanvas," \
  "restrictGuestUserAccess,applicationbasedaccesscontrolmode,allowedapplicationsfordvaccess," \
  "blockedapplicationsfordvaccess"

/* Every request of the client goes through @oauth's HTTP session and options:
 * host rules (a refused URL gets no request at all), bearer token per resource,
 * a per-host bound on concurrent requests, retries with backoff and jitter for
 * 408/425/429/500/502/503/504 and connection failures (Retry-After honoured in
 * both forms), one new token and retry on 401, error mapping into
 * POSTURE_CLIENT_ERROR. With G_MESSAGES_DEBUG=posture-tenant each request logs
 * method, URL, status and time; POSTURE_HTTP_DEBUG=1 adds a header-level log with
 * the Authorization header redacted and the token endpoint at minimal level. */
PostureTenantClient *posture_tenant_client_new                (PostureOAuth          *oauth);
PostureOAuth        *posture_tenant_client_get_oauth          (PostureTenantClient   *self);

/* Reads a whole snapshot (format version 2, DESIGN.md): tenant settings,
 * environments (every page), DLP policies (list, then each), tenant isolation
 * (404 → null), Graph organization (display name; a failure is a warning), each
 * Dataverse environment's organizations row (the $select falls back column by column;
 * the dropped columns are warnings) and its System Administrator role copies, and from
 * Microsoft Graph the Conditional Access policies, the security defaults and the Global
 * Administrators with each group principal's transitive members. A source that cannot
 * be read (a Dataverse 403, a Graph permission not granted) is recorded as
 * {"error":{"status","code","message"}} and the read goes on. The order is stable
 * whatever order the answers arrive in; paged lists are read to their last page, a
 * nextLink that loops, leaves the list's service or goes on too long fails the read.
 * @progress may be NULL. The read is bounded by read_deadline_s and by the time limit
 * of posture_oauth_set_timeout() (POSTURE_CLIENT_ERROR_TIMED_OUT). */
void                 posture_tenant_client_read_snapshot_async  (PostureTenantClient   *self,
                                                                 PostureTenantProgress *progress,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
/* Returns: (transfer full): the snapshot, read by posture_snapshot_new_from_json() with the
 * same bounds as a snapshot file; the read's warnings are the snapshot's "warnings". */
PostureSnapshot     *posture_tenant_client_read_snapshot_finish (PostureTenantClient   *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);

G_END_DECLS
