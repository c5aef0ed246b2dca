/* demo-test-util.h: a real libsoup client for the demo tenant's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "posture-demo-server.h"

G_BEGIN_DECLS

#define BAP      "https://service.powerapps.com"
#define GRAPH    "https://graph.microsoft.com"
#define DEFAULT_ENV "Default-" POSTURE_DEMO_TENANT_ID
#define SALES    "a3f0c2d1-5b6e-4c8f-9a1d-2e3b4c5d6e01"
#define FINANCE  "b7e1d4c2-9a3f-4b8e-8c1d-3f4a5b6c7d02"
#define FIELDSVC "d9c3f6e4-1a5b-4d0e-8f3a-5b6c7d8e9f04"
#define INTRANET "e4d0a7f5-2b6c-4e1f-9a4b-6c7d8e9f0a05"
#define ENVS_PATH "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments"
#define ISOLATION_PATH "/providers/PowerPlatform.Governance/v1/tenants/" POSTURE_DEMO_TENANT_ID \
                       "/tenantIsolationPolicy?api-version=2020-06-01"

typedef struct
{
  PostureDemoServer *server;
  SoupSession       *session;
  const char        *base;
  gboolean           close_connections;  /* a fresh connection per request */
  const char        *prefer;             /* Prefer header, or NULL */
  gboolean           raw;                /* keep the body as bytes, do not parse it */
} Fixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  GError             *error;
  JsonNode           *json;
  gboolean            done;
} Response;

void        response_free             (Response       *r);
void        fixture_setup             (Fixture        *f,
                                       gconstpointer   data);
void        fixture_teardown          (Fixture        *f,
                                       gconstpointer   data);
Response   *request_full              (Fixture        *f,
                                       const char     *method,
                                       const char     *path_or_uri,
                                       const char     *token,
                                       const char     *content_type,
                                       const char     *body);
Response   *request                   (Fixture        *f,
                                       const char     *method,
                                       const char     *path,
                                       const char     *token,
                                       const char     *body);
JsonObject *obj                       (Response       *r);
char       *form_token_request        (const char     *grant,
                                       const char     *scope,
                                       const char     *secret);
char       *get_token                 (Fixture        *f,
                                       const char     *scope);
char       *bap_token                 (Fixture        *f);
JsonNode   *decode_claims             (const char     *token);
void        assert_token_error        (Response       *r,
                                       guint           status,
                                       const char     *error,
                                       gint64          code);
void        assert_bap_error          (Response       *r,
                                       guint           status,
                                       const char     *code);
void        assert_environment_shape  (JsonObject     *env,
                                       const char     *base);
GPtrArray  *list_all_environments     (Fixture        *f,
                                       const char     *token,
                                       guint          *out_pages);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

G_END_DECLS
