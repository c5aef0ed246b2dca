/* fake-service.h: a strict loopback imitation of the admin APIs' writes, for the
 * fix runner's tests
 *
 * As strict as Microsoft's service, never kinder: bearer tokens checked per audience,
 * api-version required where Microsoft's tools send it, JSON bodies checked, governance
 * changes applied only when their long-running operation completes, 409 while an
 * environment is busy, managed-only Dataverse features refused on unmanaged
 * environments with the service's error, a DLP create that lands and then never
 * answers. Every write is logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define FAKE_SERVICE_TENANT    "0f0e0d0c-0b0a-4909-8807-060504030201"
#define FAKE_SERVICE_CLIENT_ID "11111111-2222-4333-8444-555555555555"
#define FAKE_SERVICE_SECRET    "fix-runner-s3cr3t"

/* The managed-only refusal, as the fake's Dataverse words it. */
#define FAKE_SERVICE_MANAGED_ONLY \
  "This feature is available only for Managed Environments. Turn on Managed Environments " \
  "for this environment and try again."

typedef struct
{
  char       *name;
  char       *display_name;
  char       *sku;
  gboolean    managed;
  gboolean    dataverse;
  char       *organization_id;
  JsonObject *row;            /* the organizations row */
  JsonObject *extended;       /* governance extended settings */
} FakeEnvironment;

typedef struct
{
  SoupServer *server;
  char       *base;
  GPtrArray  *environments;       /* of FakeEnvironment */
  JsonObject *settings;           /* tenant settings */
  JsonObject *isolation;          /* NULL: never configured (404) */
  GPtrArray  *policies;           /* of JsonObject (whole DLP v2 policies) */
  GHashTable *operations;         /* id -> Operation */
  GPtrArray  *writes;             /* "METHOD path body" of every write */
  GPtrArray  *paused;             /* answers held back */

  /* Scripts: each entry answers one request, then the default applies. */
  GArray     *governance_script;  /* of guint: 204, 202, 409, or 400 */
  guint       operation_polls;    /* 202 answers to a poll before the outcome */
  gboolean    operation_fails;    /* the operation ends Failed */
  gboolean    operation_never;    /* the operation never ends */
  gboolean    operation_header;   /* Operation-Location instead of Location */
  guint       isolation_status;   /* 200 (default) or 202 */
  const char *retry_after;        /* what a 202 asks to wait, seconds ("0") */
  guint       dlp_create_hangs;   /* creates that land and then never answer */
  guint       dlp_create_fails;   /* creates answered 503 without landing */
  guint       operation_timeouts; /* polls answered 408 Request Timeout first */

  /* Counters. */
  guint       governance_posts;
  guint       dlp_creates;
  guint       polls;
} FakeService;

FakeService *fake_service_new                (void);
void         fake_service_free               (FakeService *fake);
FakeEnvironment *fake_service_add_environment (FakeService *fake,
                                               const char  *name,
                                               const char  *sku,
                                               gboolean     managed,
                                               gboolean     dataverse);
FakeEnvironment *fake_service_lookup         (FakeService *fake,
                                              const char  *name);
/* A snapshot (format 1) of the fake tenant as it is now, as the tenant client reads it. */
char        *fake_service_dup_snapshot       (FakeService *fake);
void         fake_service_script_governance  (FakeService *fake,
                                              const guint *statuses,
                                              guint        n);
/* Writes logged whose line starts with @prefix ("POST /providers/…"). */
guint        fake_service_count_writes       (FakeService *fake,
                                              const char  *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeService, fake_service_free)

G_END_DECLS
