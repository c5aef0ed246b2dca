/* test-demo-graph.c: the demo tenant's Microsoft Graph, over loopback HTTP: Conditional
 * Access and security defaults, Global Administrator assignments and group members, their
 * paging, the OData options Graph refuses, and the 403 of a permission not granted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "demo-test-util.h"
#include "posture-json.h"

#define CA_PATH       "/v1.0/identity/conditionalAccess/policies"
#define DEFAULTS_PATH "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"
#define ASSIGNMENTS   "/v1.0/roleManagement/directory/roleAssignments"
#define GA_QUERY      ASSIGNMENTS "?$filter=roleDefinitionId%20eq%20'" GLOBAL_ADMIN_ROLE \
                      "'&$expand=principal"
#define TIER0         "5c1f0e2a-7b3d-4e9f-8a1c-2d3e4f5a6b70"
#define AUTOMATION    "6d2a1f3b-8c4e-4fa0-9b2d-3e4f5a6b7c81"
#define BREAK_GLASS   "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c65"
#define DATAVERSE_APP "00000007-0000-0000-c000-000000000000"
#define POWERAPPS_APP "475226c6-020e-4fb2-8a90-7a972cbfc1d4"
#define FLOW_APP      "7df0a125-d3be-4c96-aa54-591f83ff541c"

static gboolean
array_is (JsonArray  *array,
          const char *first,
          ...)
{
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *), i++)
    if (i >= json_array_get_length (array) ||
        g_strcmp0 (json_array_get_string_element (array, i), s) != 0)
      {
        va_end (args);
        return FALSE;
      }
  va_end (args);
  return i == json_array_get_length (array);
}

static JsonArray *
path_array (JsonObject *o,
            const char *path)
{
  JsonNode *node = posture_json_get_path (o, path);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static void
assert_denied (Response *r)
{
  assert_bap_error (r, 403, "Authorization_RequestDenied");
  g_assert_cmpstr (error_message (r), ==, "Insufficient privileges to complete the operation.");
  g_assert_nonnull (posture_json_get_path_string (obj (r), "error.innerError.request-id"));
  g_assert_nonnull (soup_message_headers_get_one (r->headers, "request-id"));
}

/* ---- Conditional Access ------------------------------------------------------------------ */

static void
test_conditional_access (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *token = graph_token (f);
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GPtrArray) by_two = NULL;
  g_autoptr(GPtrArray) one_page = NULL;
  g_autoptr(Response) first = NULL;
  g_autofree char *context = g_strconcat (f->base, "/v1.0/$metadata#identity/conditionalAccess/"
                                          "policies", NULL);
  guint pages = 0;
  JsonObject *p;

  first = request (f, "GET", CA_PATH, token, NULL);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (posture_json_get_string (obj (first), "@odata.context"), ==, context);
  g_assert_true (g_str_has_prefix (posture_json_get_string (obj (first), "@odata.nextLink"),
                                   f->base));
  g_assert_nonnull (strstr (posture_json_get_string (obj (first), "@odata.nextLink"),
                            CA_PATH "?$skiptoken="));

  policies = collect_pages (f, token, CA_PATH, &pages);
  g_assert_cmpuint (policies->len, ==, 5);
  g_assert_cmpuint (pages, ==, 2);

  /* The Office 365 app group: MFA, but not for Dataverse or the Flow service. */
  p = json_node_get_object (g_ptr_array_index (policies, 0));
  g_assert_cmpstr (json_object_get_string_member (p, "displayName"), ==,
                   "Require MFA for Office 365");
  g_assert_cmpstr (json_object_get_string_member (p, "state"), ==, "enabled");
  g_assert_true (array_is (path_array (p, "conditions.applications.includeApplications"),
                           "Office365", NULL));
  g_assert_true (array_is (path_array (p, "conditions.applications.excludeApplications"), NULL));
  g_assert_true (array_is (path_array (p, "conditions.users.includeUsers"), "All", NULL));
  g_assert_true (array_is (path_array (p, "conditions.users.excludeUsers"), BREAK_GLASS, NULL));
  g_assert_true (array_is (path_array (p, "conditions.clientAppTypes"), "all", NULL));
  g_assert_cmpstr (posture_json_get_path_string (p, "grantControls.operator"), ==, "OR");
  g_assert_true (array_is (path_array (p, "grantControls.builtInControls"), "mfa", NULL));
  g_assert_true (JSON_NODE_HOLDS_NULL (posture_json_get_path (p, "grantControls."
                                                                 "authenticationStrength")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (p, "sessionControls")));
  g_assert_cmpuint (strlen (json_object_get_string_member (p, "id")), ==, 36);

  /* Legacy clients only, blocked. */
  p = json_node_get_object (g_ptr_array_index (policies, 1));
  g_assert_true (array_is (path_array (p, "conditions.clientAppTypes"), "exchangeActiveSync",
                           "other", NULL));
  g_assert_true (array_is (path_array (p, "grantControls.builtInControls"), "block", NULL));

  /* Administrators only: a role, not All users. */
  p = json_node_get_object (g_ptr_array_index (policies, 2));
  g_assert_true (array_is (path_array (p, "conditions.users.includeUsers"), NULL));
  g_assert_true (array_is (path_array (p, "conditions.users.includeRoles"), GLOBAL_ADMIN_ROLE,
                           NULL));

  /* Everyone, MFA, but report-only. */
  p = json_node_get_object (g_ptr_array_index (policies, 3));
  g_assert_cmpstr (json_object_get_string_member (p, "state"), ==,
                   "enabledForReportingButNotEnforced");
  g_assert_true (array_is (path_array (p, "conditions.applications.includeApplications"), "All",
                           NULL));

  /* The three Power Platform apps, but a compliant device instead of MFA will do. */
  p = json_node_get_object (g_ptr_array_index (policies, 4));
  g_assert_true (array_is (path_array (p, "conditions.applications.includeApplications"),
                           DATAVERSE_APP, POWERAPPS_APP, FLOW_APP, NULL));
  g_assert_true (array_is (path_array (p, "conditions.clientAppTypes"), "browser",
                           "mobileAppsAndDesktopClients", NULL));
  g_assert_true (array_is (path_array (p, "grantControls.builtInControls"), "mfa",
                           "compliantDevice", NULL));

  /* $top sets the page size; the knob 0 gives one page. */
  by_two = collect_pages (f, token, CA_PATH "?$top=2", &pages);
  g_assert_cmpuint (by_two->len, ==, 5);
  g_assert_cmpuint (pages, ==, 3);
  posture_demo_server_set_odata_page_size (f->server, 0);
  one_page = collect_pages (f, token, CA_PATH, &pages);
  g_assert_cmpuint (one_page->len, ==, 5);
  g_assert_cmpuint (pages, ==, 1);
}

static void
test_security_defaults (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *token = graph_token (f);
  g_autoptr(Response) r = request (f, "GET", DEFAULTS_PATH, token, NULL);
  g_autofree char *context = g_strconcat (f->base, "/v1.0/$metadata#policies/"
                                          "identitySecurityDefaultsEnforcementPolicy/$entity",
                                          NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (posture_json_get_string (obj (r), "@odata.context"), ==, context);
  g_assert_cmpstr (posture_json_get_string (obj (r), "id"), ==,
                   "00000000-0000-0000-0000-000000000005");
  g_assert_cmpstr (posture_json_get_string (obj (r), "displayName"), ==, "Security Defaults");
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (obj (r), "isEnabled")));
  g_assert_false (json_object_get_boolean_member (obj (r), "isEnabled"));
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==,
                   "application/json");
}

/* ---- Global Administrators --------------------------------------------------------------- */

static void
test_global_admins (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *token = graph_token (f);
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GHashTable) users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(Response) first = request (f, "GET", GA_QUERY, token, NULL);
  g_autofree char *context = g_strconcat (f->base, "/v1.0/$metadata#roleManagement/directory/"
                                          "roleAssignments(principal())", NULL);
  const char *next;
  guint pages = 0, n_users = 0, n_groups = 0, n_sps = 0;

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (posture_json_get_string (obj (first), "@odata.context"), ==, context);
  next = posture_json_get_string (obj (first), "@odata.nextLink");
  g_assert_nonnull (next);
  /* The next page keeps the filter and the expansion. */
  g_assert_nonnull (strstr (next, "$filter=roleDefinitionId%20eq%20%27" GLOBAL_ADMIN_ROLE "%27"));
  g_assert_nonnull (strstr (next, "$expand=principal"));

  assignments = collect_pages (f, token, GA_QUERY, &pages);
  g_assert_cmpuint (assignments->len, ==, 7);
  g_assert_cmpuint (pages, ==, 2);
  for (guint i = 0; i < assignments->len; i++)
    {
      JsonObject *a = json_node_get_object (g_ptr_array_index (assignments, i));
      JsonObject *principal = json_object_get_object_member (a, "principal");
      const char *type = json_object_get_string_member (principal, "@odata.type");

      g_assert_cmpstr (json_object_get_string_member (a, "roleDefinitionId"), ==,
                       GLOBAL_ADMIN_ROLE);
      g_assert_cmpstr (json_object_get_string_member (a, "directoryScopeId"), ==, "/");
      g_assert_cmpstr (json_object_get_string_member (a, "principalId"), ==,
                       json_object_get_string_member (principal, "id"));
      g_assert_nonnull (json_object_get_string_member (a, "id"));
      if (g_str_equal (type, "#microsoft.graph.user"))
        {
          n_users++;
          g_assert_true (g_str_has_suffix (json_object_get_string_member (principal,
                                                                          "userPrincipalName"),
                                           "@" POSTURE_DEMO_TENANT_DOMAIN));
          g_hash_table_add (users, g_strdup (json_object_get_string_member (principal, "id")));
        }
      else if (g_str_equal (type, "#microsoft.graph.group"))
        {
          n_groups++;
          g_assert_cmpstr (json_object_get_string_member (principal, "id"), ==, TIER0);
          g_assert_true (json_object_get_boolean_member (principal, "isAssignableToRole"));
        }
      else
        {
          g_assert_cmpstr (type, ==, "#microsoft.graph.servicePrincipal");
          n_sps++;
          g_assert_nonnull (json_object_get_string_member (principal, "appId"));
        }
    }
  g_assert_cmpuint (n_users, ==, 5);
  g_assert_cmpuint (n_groups, ==, 1);
  g_assert_cmpuint (n_sps, ==, 1);

  /* The group's transitive members: two users (one already direct), a nested group and
   * a service principal; six distinct users hold the role in all. */
  {
    g_autoptr(GPtrArray) members = NULL;
    g_autoptr(GPtrArray) nested = NULL;
    g_autofree char *context_members = g_strconcat (f->base, "/v1.0/$metadata#directoryObjects",
                                                    NULL);
    g_autoptr(Response) page = request (f, "GET", "/v1.0/groups/" TIER0 "/transitiveMembers",
                                        token, NULL);
    guint member_pages = 0;

    g_assert_cmpstr (posture_json_get_string (obj (page), "@odata.context"), ==, context_members);
    members = collect_pages (f, token, "/v1.0/groups/" TIER0 "/transitiveMembers?$top=3",
                             &member_pages);
    g_assert_cmpuint (members->len, ==, 4);
    g_assert_cmpuint (member_pages, ==, 2);
    for (guint i = 0; i < members->len; i++)
      {
        JsonObject *m = json_node_get_object (g_ptr_array_index (members, i));

        if (g_str_equal (json_object_get_string_member (m, "@odata.type"), "#microsoft.graph.user"))
          g_hash_table_add (users, g_strdup (json_object_get_string_member (m, "id")));
      }
    g_assert_cmpuint (g_hash_table_size (users), ==, 6);

    nested = collect_pages (f, token, "/v1.0/groups/" AUTOMATION "/transitiveMembers", NULL);
    g_assert_cmpuint (nested->len, ==, 1);
    g_assert_cmpstr (posture_json_get_string (json_node_get_object (g_ptr_array_index (nested, 0)),
                                              "@odata.type"), ==,
                     "#microsoft.graph.servicePrincipal");
  }

  /* Without $expand, no principal; by principal; another role: none. */
  {
    g_autoptr(Response) bare = request (f, "GET", ASSIGNMENTS "?$filter=roleDefinitionId%20eq%20'"
                                        GLOBAL_ADMIN_ROLE "'", token, NULL);
    g_autoptr(Response) one = request (f, "GET", ASSIGNMENTS "?$filter=principalId%20eq%20'"
                                       BREAK_GLASS "'", token, NULL);
    g_autoptr(Response) other = request (f, "GET", ASSIGNMENTS "?$filter=roleDefinitionId%20eq"
                                         "%20'11648597-926c-4cf3-9c36-bcebb0ba8dcc'", token, NULL);
    JsonArray *value = json_object_get_array_member (obj (bare), "value");

    g_assert_false (json_object_has_member (json_array_get_object_element (value, 0), "principal"));
    g_assert_true (g_str_has_suffix (posture_json_get_string (obj (bare), "@odata.context"),
                                     "roleAssignments"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (one), "value")),
                      ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (other), "value")),
                      ==, 0);
  }
}

static void
test_query_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = graph_token (f);
  g_autofree char *bap = bap_token (f);
  struct { const char *path; guint status; const char *code; const char *needle; } bad[] = {
    { ASSIGNMENTS, 400, "BadRequest", "requires a $filter" },
    { ASSIGNMENTS "?$filter=roleDefinitionId%20eq%20" GLOBAL_ADMIN_ROLE, 400, "BadRequest",
      "incompatible types" },
    { ASSIGNMENTS "?$filter=roleTemplateId%20eq%20'x'", 400, "BadRequest", "'roleTemplateId'" },
    { ASSIGNMENTS "?$filter=roleDefinitionId%20gt%20'x'", 400, "BadRequest", "Invalid filter" },
    { GA_QUERY "&$select=id", 400, "BadRequest", "'$select' is not allowed" },
    { ASSIGNMENTS "?$filter=roleDefinitionId%20eq%20'x'&$expand=roleDefinition", 400,
      "BadRequest", "'roleDefinition'" },
    { CA_PATH "?$filter=state%20eq%20'enabled'", 400, "BadRequest", "'$filter' is not allowed" },
    { CA_PATH "?$top=0", 400, "BadRequest", "$top" },
    { CA_PATH "?$skiptoken=forged", 400, "BadRequest", "$skiptoken" },
    { "/v1.0/groups/00000000-1111-4222-8333-444444444444/transitiveMembers", 404,
      "Request_ResourceNotFound", "does not exist" },
    { "/v1.0/users", 404, "NotFound", "No resource" },
  };
  g_autoptr(Response) post = request (f, "POST", CA_PATH, token, "{}");
  g_autoptr(Response) audience = request (f, "GET", CA_PATH, bap, NULL);
  g_autoptr(Response) none = request (f, "GET", CA_PATH, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(Response) r = request (f, "GET", bad[i].path, token, NULL);

      g_test_message ("%s", bad[i].path);
      assert_bap_error (r, bad[i].status, bad[i].code);
      g_assert_nonnull (strstr (error_message (r), bad[i].needle));
      g_assert_nonnull (posture_json_get_path_string (obj (r), "error.innerError.date"));
    }
  assert_bap_error (post, 405, "MethodNotAllowed");
  assert_bap_error (audience, 401, "InvalidAuthenticationToken");
  g_assert_cmpstr (error_message (audience), ==, "Invalid audience.");
  assert_bap_error (none, 401, "InvalidAuthenticationToken");
}

/* ---- A permission not granted ------------------------------------------------------------ */

static void
test_permission_denied (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *token = graph_token (f);

  g_assert_false (posture_demo_server_set_graph_permission (f->server, "Mail.Read", FALSE));

  g_assert_true (posture_demo_server_set_graph_permission (f->server, "Policy.Read.All", FALSE));
  {
    g_autoptr(Response) ca = request (f, "GET", CA_PATH, token, NULL);
    g_autoptr(Response) defaults = request (f, "GET", DEFAULTS_PATH, token, NULL);
    g_autoptr(Response) admins = request (f, "GET", GA_QUERY, token, NULL);
    g_autoptr(Response) org = request (f, "GET", "/v1.0/organization", token, NULL);

    assert_denied (ca);
    assert_denied (defaults);
    g_assert_cmpuint (admins->status, ==, 200);
    g_assert_cmpuint (org->status, ==, 200);
  }

  g_assert_true (posture_demo_server_set_graph_permission (f->server,
                                                           "RoleManagement.Read.Directory",
                                                           FALSE));
  {
    g_autoptr(Response) admins = request (f, "GET", GA_QUERY, token, NULL);
    g_autoptr(Response) members = request (f, "GET", "/v1.0/groups/" TIER0 "/transitiveMembers",
                                           token, NULL);

    assert_denied (admins);
    assert_denied (members);
  }

  /* A reset keeps the knobs; granting again lets the reads through. */
  posture_demo_server_reset (f->server);
  {
    g_autoptr(Response) still = request (f, "GET", CA_PATH, token, NULL);

    assert_denied (still);
  }
  g_assert_true (posture_demo_server_set_graph_permission (f->server, "policy.read.all", TRUE));
  g_assert_true (posture_demo_server_set_graph_permission (f->server,
                                                           "RoleManagement.Read.Directory",
                                                           TRUE));
  {
    g_autoptr(Response) ca = request (f, "GET", CA_PATH, token, NULL);
    g_autoptr(Response) admins = request (f, "GET", GA_QUERY, token, NULL);

    g_assert_cmpuint (ca->status, ==, 200);
    g_assert_cmpuint (admins->status, ==, 200);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/posture/demo/graph/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("conditional-access", test_conditional_access);
  ADD ("security-defaults", test_security_defaults);
  ADD ("global-admins", test_global_admins);
  ADD ("query-errors", test_query_errors);
  ADD ("permission-denied", test_permission_denied);
#undef ADD

  return g_test_run ();
}
