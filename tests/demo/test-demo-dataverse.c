/* test-demo-dataverse.c: the demo tenant's Dataverse, over loopback HTTP: the organization's
 * version 2 columns in every seeded environment, the older organization's $select 400,
 * Managed-Environments-only refusals, the IP firewall lockout, and the System
 * Administrator roles with their paged holders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "demo-test-util.h"
#include "posture-json.h"

#define CONTOSO_APPS "a0c2e8f4-3b1d-4c6e-9f7a-1d2e3f4a5b61,b1d3f9a5-4c2e-4d7f-8a8b-2e3f4a5b6c72"
#define LOCKOUT "The request you are trying to make is rejected as access to your IP is blocked."
#define ROLES_QUERY \
  "roles?$select=roleid&$filter=_roletemplateid_value%%20eq%%20" SYSADMIN_TEMPLATE \
  "&$expand=systemuserroles_association($select=systemuserid,isdisabled,accessmode," \
  "applicationid,azureactivedirectoryobjectid)"
#define V2_SELECT \
  "enableipbasedfirewallrule,enableipbasedfirewallruleinauditmode,allowediprangeforfirewall," \
  "allowedlistofiprangesforfirewall,restrictGuestUserAccess,applicationbasedaccesscontrolmode," \
  "allowedapplicationsfordvaccess,blockedapplicationsfordvaccess"

typedef struct
{
  const char *env;
  gboolean    firewall;
  gboolean    audit_mode;
  const char *ranges;          /* allowediprangeforfirewall (NULL: null) */
  const char *list;            /* allowedlistofiprangesforfirewall; "-" when absent */
  gboolean    restrict_guests;
  gint64      app_mode;
  const char *allowed_apps;
  gboolean    cookie_binding;
  gboolean    auditing;
} SeededOrg;

static const SeededOrg seeded[] = {
  { DEFAULT_ENV, FALSE, FALSE, NULL, NULL, FALSE, 0, NULL, FALSE, FALSE },
  { SALES, TRUE, FALSE, "10.10.0.0/16", "198.51.100.0/24", TRUE, 1, CONTOSO_APPS, TRUE, TRUE },
  { FINANCE, TRUE, TRUE, "198.51.100.0/24,10.20.0.0/16", NULL, TRUE, 2, CONTOSO_APPS, FALSE,
    TRUE },
  { HR, FALSE, FALSE, NULL, NULL, FALSE, 0, NULL, FALSE, FALSE },
  { UAT, TRUE, FALSE, "0.0.0.0/0", NULL, FALSE, 0, NULL, TRUE, FALSE },
  { FININT, FALSE, FALSE, NULL, "-", FALSE, 0, NULL, FALSE, FALSE },
  { MKTTRIAL, FALSE, FALSE, NULL, NULL, FALSE, 0, NULL, FALSE, TRUE },
  { ALEXDEV, FALSE, FALSE, NULL, NULL, FALSE, 0, NULL, FALSE, FALSE },
};

static void
assert_nullable (JsonObject *row,
                 const char *member,
                 const char *expected)
{
  JsonNode *node = json_object_get_member (row, member);

  g_assert_nonnull (node);
  if (expected == NULL)
    g_assert_true (JSON_NODE_HOLDS_NULL (node));
  else
    g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

/* ---- organizations ------------------------------------------------------------------------ */

static void
test_organizations_v2_columns (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *token = dv_token (f);

  for (guint i = 0; i < G_N_ELEMENTS (seeded); i++)
    {
      const SeededOrg *s = &seeded[i];
      g_autoptr(Response) r = NULL;
      JsonObject *row = get_org_row (f, token, s->env, NULL, &r);

      g_test_message ("%s", s->env);
      g_assert_cmpint (json_object_get_boolean_member (row, "enableipbasedfirewallrule"), ==,
                       s->firewall);
      g_assert_cmpint (json_object_get_boolean_member (row, "enableipbasedfirewallruleinauditmode"),
                       ==, s->audit_mode);
      assert_nullable (row, "allowediprangeforfirewall", s->ranges);
      if (g_strcmp0 (s->list, "-") == 0)
        g_assert_false (json_object_has_member (row, "allowedlistofiprangesforfirewall"));
      else
        assert_nullable (row, "allowedlistofiprangesforfirewall", s->list);
      g_assert_cmpint (json_object_get_boolean_member (row, "restrictGuestUserAccess"), ==,
                       s->restrict_guests);
      g_assert_false (json_object_has_member (row, "restrictguestuseraccess"));
      g_assert_cmpint (json_object_get_int_member (row, "applicationbasedaccesscontrolmode"), ==,
                       s->app_mode);
      assert_nullable (row, "allowedapplicationsfordvaccess", s->allowed_apps);
      assert_nullable (row, "blockedapplicationsfordvaccess", NULL);
      g_assert_cmpint (json_object_get_boolean_member (row, "enableipbasedcookiebinding"), ==,
                       s->cookie_binding);
      g_assert_cmpint (json_object_get_boolean_member (row, "isauditenabled"), ==, s->auditing);
      g_assert_true (json_object_get_boolean_member (row, "allowapplicationuseraccess"));
      g_assert_cmpuint (strlen (json_object_get_string_member (row, "organizationid")), ==, 36);
    }

  /* $select of the v2 columns: exactly those, the key and the etag. */
  {
    g_autoptr(Response) r = NULL;
    g_auto(GStrv) columns = g_strsplit (V2_SELECT, ",", -1);
    JsonObject *row = get_org_row (f, token, SALES, V2_SELECT, &r);
    g_autofree char *context = g_strdup_printf ("%s/dataverse/%s/api/data/v9.2/$metadata#"
                                                "organizations(%s)", f->base, SALES, V2_SELECT);

    g_assert_cmpstr (posture_json_get_string (obj (r), "@odata.context"), ==, context);
    g_assert_cmpuint (json_object_get_size (row), ==, g_strv_length (columns) + 2);
    for (guint i = 0; columns[i] != NULL; i++)
      g_assert_true (json_object_has_member (row, columns[i]));
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "OData-Version"), ==, "4.0");
  }
}

static void
test_organizations_older_select (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *token = dv_token (f);
  g_autofree char *path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select=%s",
                                           FININT, V2_SELECT);
  g_autofree char *lower = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select="
                                            "restrictguestuseraccess", SALES);
  g_autoptr(Response) older = request (f, "GET", path, token, NULL);
  g_autoptr(Response) cased = request (f, "GET", lower, token, NULL);
  g_autoptr(Response) without = NULL;
  g_autoptr(Response) patch = NULL;
  JsonObject *row;

  /* The older organization does not know one new column: the whole read answers 400. */
  assert_bap_error (older, 400, "0x80060888");
  g_assert_cmpstr (error_message (older), ==, "Could not find a property named "
                   "'allowedlistofiprangesforfirewall' on type "
                   "'Microsoft.Dynamics.CRM.organization'.");
  /* Property names are case-sensitive. */
  assert_bap_error (cased, 400, "0x80060888");

  /* Without that column, the rest reads. */
  row = get_org_row (f, token, FININT, "enableipbasedfirewallrule,allowediprangeforfirewall,"
                     "restrictGuestUserAccess,applicationbasedaccesscontrolmode", &without);
  g_assert_false (json_object_get_boolean_member (row, "enableipbasedfirewallrule"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (row, "allowediprangeforfirewall")));

  /* Nor can it be written there. */
  patch = patch_org (f, token, FININT, "{\"allowedlistofiprangesforfirewall\":null}");
  assert_bap_error (patch, 400, "0x80060888");
}

/* ---- Managed-Environments-only features ------------------------------------------------- */

static void
test_managed_only_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *token = dv_token (f);
  g_autofree char *bap = bap_token (f);
  const char *refused[] = {
    "{\"enableipbasedfirewallrule\":true,\"enableipbasedfirewallruleinauditmode\":true,"
    "\"allowediprangeforfirewall\":\"10.10.0.0/16\"}",
    "{\"enableipbasedfirewallruleinauditmode\":true}",
    "{\"allowediprangeforfirewall\":\"10.10.0.0/16\"}",
    "{\"allowedlistofiprangesforfirewall\":\"10.10.0.0/16\"}",
    "{\"enableipbasedcookiebinding\":true}",
    "{\"applicationbasedaccesscontrolmode\":2,\"allowedapplicationsfordvaccess\":\""
    "a0c2e8f4-3b1d-4c6e-9f7a-1d2e3f4a5b61\"}",
    "{\"blockedapplicationsfordvaccess\":\"a0c2e8f4-3b1d-4c6e-9f7a-1d2e3f4a5b61\"}",
    /* One refused member refuses the whole payload. */
    "{\"isauditenabled\":true,\"enableipbasedcookiebinding\":true}",
  };
  g_autoptr(Response) row_r = NULL;
  g_autoptr(Response) off = NULL;
  g_autoptr(Response) other = NULL;
  g_autoptr(Response) enable = NULL;
  g_autoptr(Response) enabled = NULL;
  g_autoptr(Response) now_ok = NULL;
  g_autoptr(Response) after = NULL;
  JsonObject *row;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Response) r = patch_org (f, token, HR, refused[i]);

      g_test_message ("%s", refused[i]);
      assert_bap_error (r, 400, "0x80040203");
      g_assert_nonnull (strstr (error_message (r), "available only in Managed Environments"));
      g_assert_nonnull (strstr (error_message (r), HR));
    }
  row = get_org_row (f, token, HR, NULL, &row_r);
  g_assert_false (json_object_get_boolean_member (row, "enableipbasedfirewallrule"));
  g_assert_false (json_object_get_boolean_member (row, "enableipbasedcookiebinding"));
  g_assert_false (json_object_get_boolean_member (row, "isauditenabled"));
  g_assert_cmpint (json_object_get_int_member (row, "applicationbasedaccesscontrolmode"), ==, 0);

  /* Turning features off, and features every environment has, are fine. */
  off = patch_org (f, token, HR, "{\"enableipbasedfirewallrule\":false,"
                   "\"allowediprangeforfirewall\":null,\"applicationbasedaccesscontrolmode\":0}");
  g_assert_cmpuint (off->status, ==, 204);
  other = patch_org (f, token, HR, "{\"isauditenabled\":true,\"restrictGuestUserAccess\":true,"
                     "\"iscontentsecuritypolicyenabled\":true}");
  g_assert_cmpuint (other->status, ==, 204);

  /* Once HR is managed (after its operation completes), the same write lands. */
  enable = request (f, "POST", "/providers/Microsoft.BusinessAppPlatform/environments/" HR
                    "/governanceConfiguration?api-version=2021-04-01", bap,
                    "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{}}}");
  g_assert_cmpuint (enable->status, ==, 202);
  enabled = poll_operation (f, bap, soup_message_headers_get_one (enable->headers, "Location"),
                            NULL);
  now_ok = patch_org (f, token, HR, refused[0]);
  g_assert_cmpuint (now_ok->status, ==, 204);
  row = get_org_row (f, token, HR, NULL, &after);
  g_assert_true (json_object_get_boolean_member (row, "enableipbasedfirewallrule"));
  g_assert_true (json_object_get_boolean_member (row, "enableipbasedfirewallruleinauditmode"));
  g_assert_cmpstr (json_object_get_string_member (row, "allowediprangeforfirewall"), ==,
                   "10.10.0.0/16");
}

static void
test_patch_validation (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *token = dv_token (f);
  g_autoptr(GString) many = g_string_new ("{\"allowediprangeforfirewall\":\"");
  struct { const char *body; const char *code; } bad[] = {
    { "{\"allowediprangeforfirewall\":\"10.0.0.0/33\"}", "0x80040203" },
    { "{\"allowediprangeforfirewall\":\"10.0.0.0/8,not-an-address\"}", "0x80040203" },
    { "{\"allowedlistofiprangesforfirewall\":\"2001:db8::/129\"}", "0x80040203" },
    { "{\"allowedapplicationsfordvaccess\":\"contoso-app\"}", "0x80040203" },
    { "{\"applicationbasedaccesscontrolmode\":5}", "0x80044331" },
    { "{\"applicationbasedaccesscontrolmode\":\"1\"}", "0x80048d19" },
    { "{\"restrictGuestUserAccess\":\"yes\"}", "0x80048d19" },
    { "{\"restrictguestuseraccess\":true}", "0x80060888" },
    { "{\"organizationid\":\"" SALES "\"}", "0x80048d19" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(Response) r = patch_org (f, token, SALES, bad[i].body);

      g_test_message ("%s", bad[i].body);
      assert_bap_error (r, 400, bad[i].code);
    }

  /* Learn: at most 200 ranges. */
  for (guint i = 0; i < 201; i++)
    g_string_append_printf (many, "%s10.%u.0.0/16", i ? "," : "", i);
  g_string_append (many, "\"}");
  {
    g_autoptr(Response) r = patch_org (f, token, SALES, many->str);

    assert_bap_error (r, 400, "0x80040203");
    g_assert_nonnull (strstr (error_message (r), "201 ranges"));
  }
  {
    g_autoptr(Response) ok = patch_org (f, token, SALES, "{\"allowediprangeforfirewall\":"
                                        "\" 10.10.0.0/16 , 2001:db8::/32,198.51.100.7\"}");

    g_assert_cmpuint (ok->status, ==, 204);
  }
}

/* ---- The IP firewall ------------------------------------------------------------------------ */

static guint
org_status (Fixture    *f,
            const char *token,
            const char *env)
{
  g_autofree char *path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select="
                                           "isauditenabled", env);
  g_autoptr(Response) r = request (f, "GET", path, token, NULL);

  if (r->status == 403)
    {
      assert_bap_error (r, 403, "Forbidden");
      g_assert_true (g_str_has_prefix (error_message (r), LOCKOUT));
    }
  return r->status;
}

static void
test_firewall_lockout (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *token = dv_token (f);
  g_autofree char *roles = g_strdup_printf ("/dataverse/%s/api/data/v9.2/" ROLES_QUERY, SALES);
  g_autoptr(Response) audit = NULL;
  g_autoptr(Response) enforce = NULL;
  g_autoptr(Response) reset = NULL;
  g_autoptr(Response) locked_patch = NULL;
  g_autoptr(Response) locked_roles = NULL;
  g_autoptr(Response) no_token = NULL;
  g_autoptr(Response) after_reset = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *patch_path = NULL;
  JsonObject *row;

  {
    g_autoptr(Response) r = NULL;

    row = get_org_row (f, token, SALES, "organizationid", &r);
    org_id = g_strdup (json_object_get_string_member (row, "organizationid"));
    patch_path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations(%s)", SALES, org_id);
  }

  /* Audit mode first: nobody is blocked, whatever the list. */
  audit = request (f, "PATCH", patch_path, token,
                   "{\"enableipbasedfirewallruleinauditmode\":true,"
                   "\"allowedlistofiprangesforfirewall\":null}");
  g_assert_cmpuint (audit->status, ==, 204);
  g_assert_cmpuint (org_status (f, token, SALES), ==, 200);

  /* Enforced with a list that does not hold the caller (198.51.100.23): the write lands,
   * then every request is refused, before authentication. */
  enforce = request (f, "PATCH", patch_path, token,
                     "{\"enableipbasedfirewallruleinauditmode\":false}");
  g_assert_cmpuint (enforce->status, ==, 204);
  g_assert_cmpuint (org_status (f, token, SALES), ==, 403);
  locked_patch = request (f, "PATCH", patch_path, token,
                          "{\"enableipbasedfirewallruleinauditmode\":true}");
  assert_bap_error (locked_patch, 403, "Forbidden");
  locked_roles = request (f, "GET", roles, token, NULL);
  assert_bap_error (locked_roles, 403, "Forbidden");
  no_token = request (f, "GET", roles, NULL, NULL);
  assert_bap_error (no_token, 403, "Forbidden");
  /* Only that environment. */
  g_assert_cmpuint (org_status (f, token, FINANCE), ==, 200);

  /* The caller moves into an allowed range, then back out. */
  g_assert_true (posture_demo_server_set_caller_address (f->server, "10.10.4.2"));
  g_assert_cmpuint (org_status (f, token, SALES), ==, 200);
  g_assert_true (posture_demo_server_set_caller_address (f->server, "2001:db8::1"));
  g_assert_cmpuint (org_status (f, token, SALES), ==, 403);
  g_assert_false (posture_demo_server_set_caller_address (f->server, "not an address"));
  g_assert_true (posture_demo_server_set_caller_address (f->server, "198.51.100.23"));
  g_assert_cmpuint (org_status (f, token, SALES), ==, 403);

  /* Only a reset opens it again, with the seeded values. */
  posture_demo_server_reset (f->server);
  g_assert_cmpuint (org_status (f, token, SALES), ==, 200);
  row = get_org_row (f, token, SALES, "enableipbasedfirewallruleinauditmode,"
                     "allowedlistofiprangesforfirewall", &after_reset);
  g_assert_false (json_object_get_boolean_member (row, "enableipbasedfirewallruleinauditmode"));
  g_assert_cmpstr (json_object_get_string_member (row, "allowedlistofiprangesforfirewall"), ==,
                   "198.51.100.0/24");

  /* 127.0.0.1 counts as the caller; 0.0.0.0/0 lets everyone in. */
  {
    g_autoptr(Response) loopback = patch_org (f, token, UAT, "{\"allowediprangeforfirewall\":"
                                              "\"127.0.0.1\"}");
    g_autoptr(Response) narrow = NULL;

    g_assert_cmpuint (loopback->status, ==, 204);
    g_assert_cmpuint (org_status (f, token, UAT), ==, 200);
    narrow = patch_org (f, token, UAT, "{\"allowediprangeforfirewall\":\"203.0.113.0/24\"}");
    g_assert_cmpuint (narrow->status, ==, 204);
    g_assert_cmpuint (org_status (f, token, UAT), ==, 403);
  }
  reset = request (f, "POST", "/posture-demo/reset", NULL, NULL);
  g_assert_cmpuint (org_status (f, token, UAT), ==, 200);
}

/* ---- roles ----------------------------------------------------------------------------------- */

/* Reads the System Administrator copies as DESIGN.md's request does, following each
 * expanded collection's nextLink; returns the holders by systemuserid. */
static GHashTable *
read_admins (Fixture    *f,
             const char *token,
             const char *env,
             guint      *out_copies,
             guint      *out_pages)
{
  GHashTable *users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) json_object_unref);
  g_autofree char *path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/" ROLES_QUERY, env);
  g_autoptr(Response) r = request (f, "GET", path, token, NULL);
  JsonArray *value;
  guint pages = 1;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (g_str_has_suffix (posture_json_get_string (obj (r), "@odata.context"),
                                   "$metadata#roles(roleid,systemuserroles_association("
                                   "systemuserid,isdisabled,accessmode,applicationid,"
                                   "azureactivedirectoryobjectid))"));
  value = json_object_get_array_member (obj (r), "value");
  for (guint i = 0; i < json_array_get_length (value); i++)
    {
      JsonObject *role = json_array_get_object_element (value, i);
      g_autoptr(GPtrArray) holders = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                     json_node_unref);
      JsonArray *first = json_object_get_array_member (role, "systemuserroles_association");
      const char *next =
          posture_json_get_string (role, "systemuserroles_association@odata.nextLink");

      g_assert_cmpuint (json_object_get_size (role), >=, 3);
      g_assert_cmpuint (strlen (json_object_get_string_member (role, "roleid")), ==, 36);
      for (guint j = 0; j < json_array_get_length (first); j++)
        g_ptr_array_add (holders, json_node_ref (json_array_get_element (first, j)));
      if (next != NULL)
        {
          guint more = 0;
          g_autoptr(GPtrArray) rest = collect_pages (f, token, next, &more);

          g_assert_nonnull (strstr (next, "/roles("));
          g_assert_nonnull (strstr (next, json_object_get_string_member (role, "roleid")));
          for (guint j = 0; j < rest->len; j++)
            g_ptr_array_add (holders, json_node_ref (g_ptr_array_index (rest, j)));
          pages += more;
        }

      for (guint j = 0; j < holders->len; j++)
        {
          JsonObject *u = json_node_get_object (g_ptr_array_index (holders, j));

          /* The five selected columns, the key, the etag: nothing else. */
          g_assert_cmpuint (json_object_get_size (u), ==, 6);
          g_assert_true (g_str_has_prefix (json_object_get_string_member (u, "@odata.etag"),
                                           "W/\""));
          g_assert_true (json_object_has_member (u, "isdisabled"));
          g_assert_true (json_object_has_member (u, "accessmode"));
          g_assert_true (json_object_has_member (u, "applicationid"));
          g_assert_true (json_object_has_member (u, "azureactivedirectoryobjectid"));
          g_hash_table_replace (users, g_strdup (json_object_get_string_member (u,
                                                                               "systemuserid")),
                                json_object_ref (u));
        }
    }

  *out_copies = json_array_get_length (value);
  if (out_pages != NULL)
    *out_pages = pages;
  return users;
}

static guint
count_people (GHashTable *users,
              guint      *out_apps,
              guint      *out_disabled,
              guint      *out_support)
{
  GHashTableIter iter;
  gpointer value;
  guint people = 0;

  *out_apps = *out_disabled = *out_support = 0;
  g_hash_table_iter_init (&iter, users);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *u = value;
      const char *app = posture_json_get_string (u, "applicationid");
      gboolean is_app = app != NULL && !g_str_equal (app, "00000000-0000-0000-0000-000000000000");
      gint64 mode = json_object_get_int_member (u, "accessmode");

      if (is_app)
        {
          (*out_apps)++;
          g_assert_cmpint (mode, ==, 4);
        }
      else if (json_object_get_boolean_member (u, "isdisabled"))
        (*out_disabled)++;
      else if (mode == 3)
        {
          (*out_support)++;
          g_assert_null (posture_json_get_string (u, "azureactivedirectoryobjectid"));
        }
      else
        people++;
    }
  return people;
}

static void
test_roles_admins (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = dv_token (f);
  struct { const char *env; guint copies; guint holders; guint people; guint apps;
           guint disabled; guint support; } expected[] = {
    { DEFAULT_ENV, 1, 6, 4, 0, 1, 1 },
    { SALES, 2, 14, 13, 1, 0, 0 },
    { FINANCE, 1, 7, 6, 1, 0, 0 },
    { HR, 1, 3, 3, 0, 0, 0 },
    { UAT, 1, 5, 4, 0, 1, 0 },
    { FININT, 1, 2, 2, 0, 0, 0 },
    { MKTTRIAL, 1, 1, 1, 0, 0, 0 },
    { ALEXDEV, 1, 1, 1, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint copies = 0, pages = 0, apps, disabled, support;
      g_autoptr(GHashTable) users = read_admins (f, token, expected[i].env, &copies, &pages);

      g_test_message ("%s: %u copies, %u holders, %u pages", expected[i].env, copies,
                      g_hash_table_size (users), pages);
      g_assert_cmpuint (copies, ==, expected[i].copies);
      g_assert_cmpuint (g_hash_table_size (users), ==, expected[i].holders);
      g_assert_cmpuint (count_people (users, &apps, &disabled, &support), ==, expected[i].people);
      g_assert_cmpuint (apps, ==, expected[i].apps);
      g_assert_cmpuint (disabled, ==, expected[i].disabled);
      g_assert_cmpuint (support, ==, expected[i].support);
    }

  /* Sales: 11 + 4 assignments in two business units, one user in both; four per page. */
  {
    guint copies = 0, pages = 0;
    g_autoptr(GHashTable) users = read_admins (f, token, SALES, &copies, &pages);

    /* The roles page, then copy 0's 11 holders in three pages of four (copy 1 fits). */
    g_assert_cmpuint (pages, ==, 3);
    posture_demo_server_set_odata_page_size (f->server, 0);
    g_clear_pointer (&users, g_hash_table_unref);
    users = read_admins (f, token, SALES, &copies, &pages);
    g_assert_cmpuint (pages, ==, 1);
    g_assert_cmpuint (g_hash_table_size (users), ==, 14);
  }
}

static void
test_roles_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = dv_token (f);
  struct { const char *query; guint status; const char *code; const char *needle;
  } bad [] = {
    { "roles?$filter=_roletemplateid_value%20eq%20'" SYSADMIN_TEMPLATE "'", 400, "0x80060888",
      "incompatible types" },
    { "roles?$filter=roletemplateid%20eq%20" SYSADMIN_TEMPLATE, 400, "0x80060888",
      "'roletemplateid' on type 'Microsoft.Dynamics.CRM.role'" },
    { "roles?$filter=_roletemplateid_value%20ne%20" SYSADMIN_TEMPLATE, 400, "0x80060888",
      "$filter" },
    { "roles?$select=roleid,nosuch", 400, "0x80060888", "'nosuch'" },
    { "roles?$expand=systemuserroles_association($select=systemuserid,nosuch)", 400, "0x80060888",
      "'Microsoft.Dynamics.CRM.systemuser'" },
    { "roles?$expand=teamroles_association", 400, "0x80060888", "teamroles_association" },
    { "roles?$expand=systemuserroles_association($top=1)", 400, "0x80060888", "$select" },
    { "roles(00000000-1111-4222-8333-444444444444)/systemuserroles_association", 404, "0x80040217",
      "Does Not Exist" },
  };
  g_autofree char *forbidden = g_strdup_printf ("/dataverse/%s/api/data/v9.2/" ROLES_QUERY,
                                                FIELDSVC);
  g_autofree char *other = g_strdup_printf ("/dataverse/%s/api/data/v9.2/roles?$select=roleid&"
                                            "$filter=_roletemplateid_value%%20eq%%20"
                                            "00000000-1111-4222-8333-444444444444", SALES);
  g_autoptr(Response) r_forbidden = request (f, "GET", forbidden, token, NULL);
  g_autoptr(Response) r_other = request (f, "GET", other, token, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/%s", SALES,
                                               bad[i].query);
      g_autoptr(Response) r = request (f, "GET", path, token, NULL);

      g_test_message ("%s", bad[i].query);
      assert_bap_error (r, bad[i].status, bad[i].code);
      g_assert_nonnull (strstr (error_message (r), bad[i].needle));
    }

  /* A nested page with a forged token. */
  {
    guint copies = 0;
    g_autoptr(GHashTable) users = NULL;
    g_autofree char *path = NULL;
    g_autoptr(Response) first = NULL;
    g_autoptr(Response) forged = NULL;
    const char *next;
    char *skip;

    path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/" ROLES_QUERY, SALES);
    first = request (f, "GET", path, token, NULL);
    next = posture_json_get_string (json_array_get_object_element (
                                      json_object_get_array_member (obj (first), "value"), 0),
                                    "systemuserroles_association@odata.nextLink");
    g_assert_nonnull (next);
    g_clear_pointer (&path, g_free);
    path = g_strdup (next);
    skip = strstr (path, "$skiptoken=");
    g_assert_nonnull (skip);
    skip[strlen ("$skiptoken=")] = 'X';
    forged = request (f, "GET", path, token, NULL);
    assert_bap_error (forged, 400, "0x80060888");
    users = read_admins (f, token, HR, &copies, NULL);
  }

  assert_bap_error (r_forbidden, 403, "0x80072560");
  g_assert_cmpuint (r_other->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r_other), "value")),
                    ==, 0);
}

static void
test_forbidden_and_absent (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *token = dv_token (f);
  g_autofree char *bap = bap_token (f);
  g_autofree char *field = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations", FIELDSVC);
  g_autofree char *intranet = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations",
                                               INTRANET);
  g_autofree char *old_version = g_strdup_printf ("/dataverse/%s/api/data/v8.2/organizations",
                                                  SALES);
  g_autofree char *sales = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations", SALES);
  g_autoptr(Response) r_field = request (f, "GET", field, token, NULL);
  g_autoptr(Response) r_intranet = request (f, "GET", intranet, token, NULL);
  g_autoptr(Response) r_version = request (f, "GET", old_version, token, NULL);
  g_autoptr(Response) r_audience = request (f, "GET", sales, bap, NULL);

  assert_bap_error (r_field, 403, "0x80072560");
  g_assert_cmpuint (r_intranet->status, ==, 404);
  g_assert_cmpuint (r_version->status, ==, 404);
  /* A BAP token is for another audience. */
  assert_bap_error (r_audience, 401, "InvalidAuthenticationTokenAudience");
  g_assert_nonnull (soup_message_headers_get_one (r_audience->headers, "WWW-Authenticate"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/posture/demo/dataverse/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("organizations/v2-columns", test_organizations_v2_columns);
  ADD ("organizations/older-select", test_organizations_older_select);
  ADD ("organizations/managed-only", test_managed_only_refused);
  ADD ("organizations/patch-validation", test_patch_validation);
  ADD ("firewall/lockout", test_firewall_lockout);
  ADD ("roles/admins", test_roles_admins);
  ADD ("roles/errors", test_roles_errors);
  ADD ("forbidden-and-absent", test_forbidden_and_absent);
#undef ADD

  return g_test_run ();
}
