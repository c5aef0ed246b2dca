/* fake-tenant.h: a scripted loopback tenant for the tenant client's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "posture-tenant.h"

G_BEGIN_DECLS

#define FAKE_TENANT_ID     "0f0e0d0c-0b0a-4909-8807-060504030201"
#define FAKE_TENANT_DOMAIN "fabrikam.onmicrosoft.com"
#define FAKE_CLIENT_ID     "11111111-2222-4333-8444-555555555555"
#define FAKE_SECRET        "s3cr3t-CLIENT-value-7Qx"
#define FAKE_REFRESH       "rt-FIRST-refresh-9Zk"

/* Answers written straight to the socket, as a hostile server would. */
typedef enum
{
  FAKE_RAW_NONE,
  FAKE_RAW_DRIP,            /* 200, then one byte of the body every `interval_ms` */
  FAKE_RAW_ENDLESS,         /* 200, chunked, a body that never ends */
  FAKE_RAW_GZIP_BOMB,       /* 200, gzip, chunked: a few KB decompress to endless zeros */
  FAKE_RAW_DECLARE_HUGE,    /* 200 with Content-Length 5 GiB, then silence */
  FAKE_RAW_REDIRECT,        /* `status` (301…) with Location `location` */
} FakeRaw;

typedef struct
{
  char     *match;        /* substring of the path */
  guint     remaining;
  guint     status;       /* 0: no status fault */
  char     *retry_after;
  gboolean  truncate;     /* a Content-Length larger than the body, then close */
  gboolean  hang;         /* never answer */
  char     *message;      /* the error body's message (default "Injected fault") */
  FakeRaw   raw;
  guint     interval_ms;  /* FAKE_RAW_DRIP */
  char     *location;     /* FAKE_RAW_REDIRECT */
} FakeFault;

typedef struct
{
  SoupServer *server;
  char       *base;
  guint       requests;          /* every request, token endpoint included */
  guint       api_requests;      /* requests outside /oauth2/ */
  GHashTable *scope_tokens;      /* scope -> number of access tokens issued */
  GPtrArray  *issued;            /* every access and refresh token issued */
  GPtrArray  *faults;
  GPtrArray  *hanging;           /* paused SoupServerMessages */
  GPtrArray  *writes;            /* "METHOD path body" of every write */
  guint       in_flight;         /* requests read and not yet answered */
  guint       max_in_flight;
  GPtrArray  *raw_streams;       /* connections taken over by raw answers */
  guint64     raw_bytes;         /* body bytes the raw answers wrote */
  char       *settings_content_type; /* of the last listTenantSettings request */
  char       *accept_encoding;   /* of the last API request */

  /* the tenant */
  guint       n_pages;
  guint       per_page;
  gboolean    isolation_configured;
  int         dataverse_forbidden;  /* env index answering 403, or -1 */
  char       *foreign_next_link;
  char       *foreign_instance_url;
  gboolean    admin_app_missing;    /* BAP answers the "does not have permission" 403 */
  gboolean    delay_dataverse;      /* answer Dataverse in reverse order */
  int         dataverse_old;        /* env index whose Dataverse lacks the newer columns, or -1 */
  gboolean    graph_forbidden;      /* Graph's policies and roles answer 403 */
  char       *graph_next_link;      /* the Conditional Access list's next page, when set */

  /* the sign-in service */
  char       *refresh_token;        /* the one valid refresh token */
  gboolean    rotate_refresh;
  guint       device_pending;       /* authorization_pending answers before the outcome */
  guint       device_slow_down;     /* slow_down answers before the pending ones */
  char       *device_outcome;       /* NULL: success; else an OAuth error code */
  gboolean    echo_secret;          /* a wrong client secret is repeated in the error */
  guint       device_polls;
  guint       device_interval;      /* seconds, in the devicecode answer */
} FakeTenant;

FakeTenant *fake_tenant_new        (void);
void        fake_tenant_free       (FakeTenant  *fake);
void        fake_tenant_add_fault  (FakeTenant  *fake,
                                    const char  *match,
                                    guint        count,
                                    guint        status,
                                    const char  *retry_after,
                                    gboolean     truncate,
                                    gboolean     hang);
/* Returns: (transfer none): the fault, to set the raw fields on. */
FakeFault  *fake_tenant_add_raw    (FakeTenant  *fake,
                                    const char  *match,
                                    guint        count,
                                    FakeRaw      raw);
guint       fake_tenant_scope_count (FakeTenant *fake,
                                     const char *scope);
char       *fake_tenant_make_token (FakeTenant  *fake,
                                    const char  *aud);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeTenant, fake_tenant_free)

/* Waiting for an async call in a test: pass fake_wait_cb and a zeroed FakeWait, then
 * fake_wait_for() spins the thread-default main context (a 40 s watchdog fails the
 * test instead of hanging); fake_wait_clear() drops the result. */
typedef struct
{
  GAsyncResult *result;
  guint         calls;
} FakeWait;

void        fake_wait_cb           (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data);
void        fake_wait_for          (FakeWait     *wait);
void        fake_wait_clear        (FakeWait     *wait);
/* Spins the thread-default main context for @ms milliseconds. */
void        fake_spin              (guint         ms);

/* Reads a snapshot (checking the callback runs once) and returns its JSON document, the
 * builder's output as the core read it; @warnings (optional): its "warnings". */
JsonNode   *fake_read_snapshot     (PostureTenantClient    *client,
                                    PostureTenantProgress  *progress,
                                    GCancellable           *cancellable,
                                    GStrv                  *warnings,
                                    GError                **error);

G_END_DECLS
