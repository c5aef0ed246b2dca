/* posture-demo-server.h: the embedded demo tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The demo tenant's fixed identity. The client id and secret are public demo values
 * that only this loopback server accepts; they are not credentials of anything real. */
#define POSTURE_DEMO_TENANT_ID     "8d2c9a6e-3f1b-4c7a-9e55-0b6f2d1c4a90"
#define POSTURE_DEMO_TENANT_DOMAIN "contoso-demo.onmicrosoft.com"
#define POSTURE_DEMO_TENANT_NAME   "Contoso (demo)"
#define POSTURE_DEMO_CLIENT_ID     "5f1e7d0c-2b4a-4d3e-a0d0-7c9e0de30001"
#define POSTURE_DEMO_CLIENT_SECRET "posture-demo-secret"

#define POSTURE_DEMO_ERROR (posture_demo_error_quark ())

typedef enum
{
  POSTURE_DEMO_ERROR_INVALID_FAULTS, /* the fault spec is wrong; the message names the item */
  POSTURE_DEMO_ERROR_LISTEN,         /* the loopback port cannot be bound */
} PostureDemoError;

GQuark posture_demo_error_quark (void);

#define POSTURE_TYPE_DEMO_SERVER (posture_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (PostureDemoServer, posture_demo_server, POSTURE, DEMO_SERVER, GObject)

/* The server runs on the thread-default main context of the caller of _start();
 * every service (login, BAP, Graph, each Dataverse instance) is served under the one
 * loopback origin returned by _get_base_uri(), as DESIGN.md's "custom base URL".
 *
 * It answers as strictly as Microsoft's services: audience-checked tokens per service,
 * api-version where BAP requires it, OData options checked ($select, $filter, $expand),
 * paging everywhere the service pages, long-running operations for governance and
 * (sometimes) tenant isolation writes, 409 while an environment is busy, refusals of
 * Managed-Environments-only features on unmanaged environments, and an IP firewall that
 * locks the caller out of a Dataverse when enforced without the caller's address.
 *
 * Defaults: the seeded "Contoso (demo)" scenario (12 environments, score Low), 10
 * environments per BAP page, 4 items per Graph page and per Dataverse expanded
 * collection, long-running operations that answer Running twice (Retry-After: 1) and
 * complete on the third poll or after 30 s, every other tenant isolation write
 * asynchronous (the first one included), the caller at 198.51.100.23, every Graph
 * permission granted, device codes approved after 2 authorization_pending polls with an
 * interval of 5 s, access tokens valid 3599 s, no faults.
 *
 * set_environments (N > 0) replaces the scenario with a generated tenant of N
 * environments, deterministic from the seed; set_environments (0) brings the scenario
 * back. set_seed, set_environments and reset rebuild the state from the seed (writes are
 * lost, operations cancelled); issued tokens and the knobs stay. A standalone server
 * also answers POST {base}/posture-demo/reset (no token needed, never faulted).
 *
 * Faults ("429=0.1,500=0.05,latency=200ms,reset=0.01,truncate=0.01,retry-after=1"):
 * one draw per request from a generator seeded by set_seed (reset and set_faults
 * restart it) picks at most one of: an error status (any 400–599, with the
 * service's error body; 429 and 503 carry Retry-After, default 1 s), reset (the
 * connection is dropped without an answer), truncate (the first half of the body,
 * framed as complete, so the client sees malformed JSON). A faulted status leaves
 * the state unchanged; a truncated write is applied. latency delays every answer. */
PostureDemoServer *posture_demo_server_new                  (void);
void               posture_demo_server_set_environments     (PostureDemoServer  *self,
                                                             guint               n_environments);
gboolean           posture_demo_server_set_faults           (PostureDemoServer  *self,
                                                             const char         *spec,
                                                             GError            **error);
void               posture_demo_server_set_seed             (PostureDemoServer  *self,
                                                             guint64             seed);
void               posture_demo_server_set_page_size        (PostureDemoServer  *self,
                                                             guint               page_size);
void               posture_demo_server_set_device_code_polls (PostureDemoServer *self,
                                                             guint               n_pending);
gboolean           posture_demo_server_start                (PostureDemoServer  *self,
                                                             guint               port,
                                                             GError            **error);
void               posture_demo_server_stop                 (PostureDemoServer  *self);
const char        *posture_demo_server_get_base_uri         (PostureDemoServer  *self);
guint              posture_demo_server_get_port             (PostureDemoServer  *self);
void               posture_demo_server_reset                (PostureDemoServer  *self);
gboolean           posture_demo_server_approve_device_code  (PostureDemoServer  *self,
                                                             const char         *user_code);
guint              posture_demo_server_get_request_count    (PostureDemoServer  *self);

/* Additions for tests and demos. */
guint              posture_demo_server_get_n_environments   (PostureDemoServer  *self);
void               posture_demo_server_set_token_lifetime   (PostureDemoServer  *self,
                                                             guint               seconds);
void               posture_demo_server_set_device_code_interval (PostureDemoServer *self,
                                                             guint               seconds);
gboolean           posture_demo_server_decline_device_code  (PostureDemoServer  *self,
                                                             const char         *user_code);
gboolean           posture_demo_server_expire_device_code   (PostureDemoServer  *self,
                                                             const char         *user_code);
char              *posture_demo_server_mint_access_token    (PostureDemoServer  *self,
                                                             const char         *audience,
                                                             gint64              lifetime_seconds);

/* The service's strict answers, tuned for tests and workshops. */
void               posture_demo_server_set_odata_page_size  (PostureDemoServer  *self,
                                                             guint               page_size);
void               posture_demo_server_set_operation_polls  (PostureDemoServer  *self,
                                                             guint               n_running,
                                                             guint               retry_after,
                                                             guint               timeout_ms);
void               posture_demo_server_get_operation_polls  (PostureDemoServer  *self,
                                                             guint              *out_n_running,
                                                             guint              *out_retry_after,
                                                             guint              *out_timeout_ms);
void               posture_demo_server_set_isolation_async_every (PostureDemoServer *self,
                                                             guint               every);
gboolean           posture_demo_server_set_caller_address   (PostureDemoServer  *self,
                                                             const char         *address);
gboolean           posture_demo_server_set_graph_permission (PostureDemoServer  *self,
                                                             const char         *permission,
                                                             gboolean            granted);
void               posture_demo_server_set_dlp_create_timeouts (PostureDemoServer *self,
                                                             guint               n_creates,
                                                             guint               hold_ms);

G_END_DECLS
