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
#define HR       "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03"
#define UAT      "f5e1b8a6-3c7d-4f2a-8b5c-7d8e9f0a1b06"
#define FININT   "0a6f2c97-4d8e-4a3b-9c6d-8e9f0a1b2c07"
#define PILOT    "1b7a3d08-5e9f-4b4c-8d7e-9f0a1b2c3d08"
#define MKTTRIAL "2c8b4e19-6f0a-4c5d-9e8f-0a1b2c3d4e09"
#define ALEXDEV  "3d9c5f2a-7a1b-4d6e-8f9a-1b2c3d4e5f10"
#define MEGANDEV "4e0d6a3b-8b2c-4e7f-9a0b-2c3d4e5f6a11"
#define SYSADMIN_TEMPLATE "627090ff-40a3-4053-8790-584edc5be201"
#define GLOBAL_ADMIN_ROLE "62e90394-69f5-4237-9190-012177145e10"

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
char       *dv_token                  (Fixture        *f);
char       *graph_token               (Fixture        *f);
const char *error_code                (Response       *r);
const char *error_message             (Response       *r);
JsonObject *get_environment           (Fixture        *f,
                                       const char     *token,
                                       const char     *name,
                                       Response      **out);
JsonObject *get_org_row               (Fixture        *f,
                                       const char     *token,
                                       const char     *env,
                                       const char     *select,
                                       Response      **out);
Response   *patch_org                 (Fixture        *f,
                                       const char     *token,
                                       const char     *env,
                                       const char     *body);
Response   *poll_operation            (Fixture        *f,
                                       const char     *token,
                                       const char     *location,
                                       guint          *out_running);
GPtrArray  *collect_pages             (Fixture        *f,
                                       const char     *token,
                                       const char     *path,
                                       guint          *out_pages);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

G_END_DECLS
