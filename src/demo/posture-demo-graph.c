/* posture-demo-graph.c: the Microsoft Graph of the demo tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * v1.0 shapes: organization; identity/conditionalAccess/policies and
 * policies/identitySecurityDefaultsEnforcementPolicy (Policy.Read.All);
 * roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '…'&$expand=principal
 * and groups/{id}/transitiveMembers (RoleManagement.Read.Directory). Lists page with
 * @odata.nextLink (an opaque $skiptoken) at the configured page size, or $top. Without a
 * permission (posture_demo_server_set_graph_permission()), Graph answers 403
 * Authorization_RequestDenied "Insufficient privileges to complete the operation.", the
 * answer a directory read without consent gets.
 *
 * The directory is the same for the seed and for generated tenants: security defaults
 * off; five Conditional Access policies, none of which makes conditional-access-mfa pass
 * (one covers only the Office 365 app group, one targets legacy clients, one only admin
 * roles, one is report-only, one accepts a compliant device instead of MFA); six users
 * hold Global Administrator, five directly and one through the role-assignable group
 * "Tier 0 Administrators" (which also holds one of the five, a nested group and a service
 * principal), and a service principal holds it directly.
 */

#define G_LOG_DOMAIN "posture-demo-graph"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"
#include "posture-json.h"

#define GLOBAL_ADMIN      "62e90394-69f5-4237-9190-012177145e10"
#define TIER0_GROUP       "5c1f0e2a-7b3d-4e9f-8a1c-2d3e4f5a6b70"
#define AUTOMATION_GROUP  "6d2a1f3b-8c4e-4fa0-9b2d-3e4f5a6b7c81"
#define BREAK_GLASS       "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c65"
#define DATAVERSE_APP     "00000007-0000-0000-c000-000000000000"
#define POWERAPPS_APP     "475226c6-020e-4fb2-8a90-7a972cbfc1d4"
#define FLOW_APP          "7df0a125-d3be-4c96-aa54-591f83ff541c"
#define MAX_TOP           999
#define DENIED            "Insufficient privileges to complete the operation."

typedef struct
{
  const char *type;         /* user, group, servicePrincipal */
  const char *id;
  const char *display_name;
  const char *upn;          /* users: userPrincipalName; service principals: appId */
  const char *job_title;
} DirectoryObject;

static const DirectoryObject directory[] = {
  { "user", "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c01", "Megan Bowen", "megan", "Marketing Manager" },
  { "user", "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c02", "Alex Wilber", "alex", "IT Administrator" },
  { "user", "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c03", "Lidia Holloway", "lidia",
    "Product Manager" },
  { "user", "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c04", "Diego Siciliani", "diego", "HR Manager" },
  { "user", BREAK_GLASS, "Break Glass 01", "breakglass01", NULL },
  { "user", "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c06", "Johanna Lorenz", "johanna",
    "Senior Engineer" },
  { "group", TIER0_GROUP, "Tier 0 Administrators", NULL, NULL },
  { "group", AUTOMATION_GROUP, "Tier 0 Automation", NULL, NULL },
  { "servicePrincipal", "b4c5d6e7-f809-4a1b-9c2d-3e4f5a6b7c92", "Contoso Provisioning",
    "e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a63", NULL },
  { "servicePrincipal", "c5d6e7f8-091a-4b2c-8d3e-4f5a6b7c8da3", "Contoso Deploy",
    "f3a4b5c6-d7e8-4f9a-8b1c-2d3e4f5a6b74", NULL },
};

/* Global Administrator holders: five users, the group, one service principal. */
static const guint global_admins[] = { 0, 1, 2, 3, 4, 6, 8 };
/* transitiveMembers of each group: users, a nested group, a service principal. */
static const guint tier0_members[] = { 5, 0, 7, 9 };
static const guint automation_members[] = { 9 };

/* ---- Objects -------------------------------------------------------------------------- */

static JsonObject *
render_object (const DirectoryObject *o)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *type = g_strconcat ("#microsoft.graph.", o->type, NULL);

  json_object_set_string_member (obj, "@odata.type", type);
  json_object_set_string_member (obj, "id", o->id);
  json_object_set_null_member (obj, "deletedDateTime");
  json_object_set_string_member (obj, "displayName", o->display_name);
  if (g_str_equal (o->type, "user"))
    {
      g_autofree char *upn = g_strconcat (o->upn, "@" POSTURE_DEMO_TENANT_DOMAIN, NULL);
      g_auto(GStrv) names = g_strsplit (o->display_name, " ", 2);

      json_object_set_array_member (obj, "businessPhones", json_array_new ());
      json_object_set_string_member (obj, "givenName", names[0]);
      json_object_set_string_member (obj, "surname", names[1] ? names[1] : "");
      if (o->job_title != NULL)
        json_object_set_string_member (obj, "jobTitle", o->job_title);
      else
        json_object_set_null_member (obj, "jobTitle");
      json_object_set_string_member (obj, "mail", upn);
      json_object_set_null_member (obj, "mobilePhone");
      json_object_set_null_member (obj, "officeLocation");
      json_object_set_string_member (obj, "preferredLanguage", "en-US");
      json_object_set_string_member (obj, "userPrincipalName", upn);
      json_object_set_boolean_member (obj, "accountEnabled", TRUE);
    }
  else if (g_str_equal (o->type, "group"))
    {
      json_object_set_string_member (obj, "description", "Holds Tier 0 roles.");
      json_object_set_array_member (obj, "groupTypes", json_array_new ());
      json_object_set_boolean_member (obj, "isAssignableToRole", TRUE);
      json_object_set_boolean_member (obj, "mailEnabled", FALSE);
      json_object_set_boolean_member (obj, "securityEnabled", TRUE);
    }
  else
    {
      json_object_set_string_member (obj, "appId", o->upn);
      json_object_set_boolean_member (obj, "accountEnabled", TRUE);
      json_object_set_string_member (obj, "servicePrincipalType", "Application");
    }
  return obj;
}

static JsonArray *
string_array (const char *first,
              ...) G_GNUC_NULL_TERMINATED;

static JsonArray *
string_array (const char *first,
              ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    json_array_add_string_element (array, s);
  va_end (args);
  return array;
}

/* ---- Conditional Access --------------------------------------------------------------- */

typedef struct
{
  const char *id;
  const char *display_name;
  const char *state;
  const char *apps[3];
  const char *client_types[2];
  gboolean    all_users;
  const char *grant[2];
  const char *created;
} CaPolicy;

static const CaPolicy ca_policies[] = {
  { "3f1e2d4c-5b6a-4978-8e1d-2c3b4a5f6e01", "Require MFA for Office 365", "enabled",
    { "Office365" }, { "all" }, TRUE, { "mfa" }, "2021-02-10T09:12:00Z" },
  { "3f1e2d4c-5b6a-4978-8e1d-2c3b4a5f6e02", "Block legacy authentication", "enabled",
    { "All" }, { "exchangeActiveSync", "other" }, TRUE, { "block" }, "2021-02-10T09:20:00Z" },
  { "3f1e2d4c-5b6a-4978-8e1d-2c3b4a5f6e03", "Require MFA for administrators", "enabled",
    { "All" }, { "all" }, FALSE, { "mfa" }, "2022-06-01T14:00:00Z" },
  { "3f1e2d4c-5b6a-4978-8e1d-2c3b4a5f6e04", "Require MFA for everyone (pilot)",
    "enabledForReportingButNotEnforced", { "All" }, { "all" }, TRUE, { "mfa" },
    "2024-11-04T08:30:00Z" },
  { "3f1e2d4c-5b6a-4978-8e1d-2c3b4a5f6e05", "Compliant device or MFA for Power Platform",
    "enabled", { DATAVERSE_APP, POWERAPPS_APP, FLOW_APP },
    { "browser", "mobileAppsAndDesktopClients" }, TRUE, { "mfa", "compliantDevice" },
    "2023-09-18T11:45:00Z" },
};

static JsonArray *
array_of (const char * const *values,
          guint               n)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  return array;
}

static JsonObject *
render_ca_policy (const CaPolicy *p,
                  const char     *base_uri)
{
  JsonObject *obj = json_object_new ();
  JsonObject *conditions = json_object_new ();
  JsonObject *apps = json_object_new ();
  JsonObject *users = json_object_new ();
  JsonObject *grant = json_object_new ();
  g_autofree char *strength = NULL;

  json_object_set_string_member (obj, "id", p->id);
  json_object_set_null_member (obj, "templateId");
  json_object_set_string_member (obj, "displayName", p->display_name);
  json_object_set_string_member (obj, "createdDateTime", p->created);
  json_object_set_string_member (obj, "modifiedDateTime", p->created);
  json_object_set_string_member (obj, "state", p->state);
  json_object_set_null_member (obj, "sessionControls");

  json_object_set_array_member (conditions, "userRiskLevels", json_array_new ());
  json_object_set_array_member (conditions, "signInRiskLevels", json_array_new ());
  json_object_set_array_member (conditions, "clientAppTypes", array_of (p->client_types, 2));
  json_object_set_array_member (conditions, "servicePrincipalRiskLevels", json_array_new ());
  json_object_set_null_member (conditions, "platforms");
  json_object_set_null_member (conditions, "locations");
  json_object_set_null_member (conditions, "devices");
  json_object_set_null_member (conditions, "clientApplications");
  json_object_set_array_member (apps, "includeApplications", array_of (p->apps, 3));
  json_object_set_array_member (apps, "excludeApplications", json_array_new ());
  json_object_set_array_member (apps, "includeUserActions", json_array_new ());
  json_object_set_array_member (apps, "includeAuthenticationContextClassReferences",
                                json_array_new ());
  json_object_set_null_member (apps, "applicationFilter");
  json_object_set_object_member (conditions, "applications", apps);
  json_object_set_array_member (users, "includeUsers", p->all_users ? string_array ("All", NULL)
                                                                    : json_array_new ());
  json_object_set_array_member (users, "excludeUsers", string_array (BREAK_GLASS, NULL));
  json_object_set_array_member (users, "includeGroups", json_array_new ());
  json_object_set_array_member (users, "excludeGroups", json_array_new ());
  json_object_set_array_member (users, "includeRoles", p->all_users
                                                       ? json_array_new ()
                                                       : string_array (GLOBAL_ADMIN, NULL));
  json_object_set_array_member (users, "excludeRoles", json_array_new ());
  json_object_set_null_member (users, "includeGuestsOrExternalUsers");
  json_object_set_null_member (users, "excludeGuestsOrExternalUsers");
  json_object_set_object_member (conditions, "users", users);
  json_object_set_object_member (obj, "conditions", conditions);

  json_object_set_string_member (grant, "operator", "OR");
  json_object_set_array_member (grant, "builtInControls", array_of (p->grant, 2));
  json_object_set_array_member (grant, "customAuthenticationFactors", json_array_new ());
  json_object_set_array_member (grant, "termsOfUse", json_array_new ());
  strength = g_strdup_printf ("%s/v1.0/$metadata#identity/conditionalAccess/policies('%s')/"
                              "grantControls/authenticationStrength/$entity", base_uri, p->id);
  json_object_set_string_member (grant, "authenticationStrength@odata.context", strength);
  json_object_set_null_member (grant, "authenticationStrength");
  json_object_set_object_member (obj, "grantControls", grant);

  return obj;
}

/* ---- Paging --------------------------------------------------------------------------- */

static PostureDemoReply *
bad_request (const char *message)
{
  return _posture_demo_reply_new_graph_error (400, "BadRequest", message);
}

/* Refuses any OData option the endpoint does not take, as Graph does. */
static PostureDemoReply *
check_options (PostureDemoRequest *req,
               const char * const *allowed)
{
  GHashTableIter iter;
  gpointer key;

  if (req->query == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, req->query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (((char *) key)[0] == '$' && !g_strv_contains (allowed, key))
      {
        g_autofree char *msg = NULL;

        msg = g_strdup_printf ("Query option '%.40s' is not allowed. Make sure that the query "
                               "option is supported by the API.", (char *) key);
        return bad_request (msg);
      }
  return NULL;
}

/* The page of items [offset, end) and the nextLink (path + query without $skiptoken). */
static PostureDemoReply *
page_bounds (PostureDemoRequest *req,
             guint               n,
             guint              *out_offset,
             guint              *out_end)
{
  const char *skiptoken = _posture_demo_request_query (req, "$skiptoken");
  const char *top = _posture_demo_request_query (req, "$top");
  guint size = req->config->odata_page_size > 0 ? req->config->odata_page_size : MAX (n, 1);
  guint64 value = 0;
  guint offset = 0;

  if (top != NULL)
    {
      if (!g_ascii_string_to_unsigned (top, 10, 1, MAX_TOP, &value, NULL))
        return bad_request ("Invalid page size specified: '$top' must be between 1 and 999.");
      size = (guint) value;
    }
  if (skiptoken != NULL && (!_posture_demo_decode_skiptoken (skiptoken, &offset) || offset > n))
    return bad_request ("Invalid $skiptoken value. Follow the @odata.nextLink as given.");

  *out_offset = offset;
  *out_end = MIN (n, offset + size);
  return NULL;
}

static void
set_next_link (PostureDemoRequest *req,
               JsonObject         *root,
               guint               end,
               guint               n)
{
  GString *link;
  GHashTableIter iter;
  gpointer key, value;
  g_autofree char *token = NULL;
  gboolean first = TRUE;

  if (end >= n)
    return;

  link = g_string_new (req->base_uri);
  g_string_append (link, req->path);
  if (req->query != NULL)
    {
      g_hash_table_iter_init (&iter, req->query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *k = NULL;
          g_autofree char *v = NULL;

          if (g_str_equal (key, "$skiptoken"))
            continue;
          k = g_uri_escape_string (key, "$", FALSE);
          v = g_uri_escape_string (value, "$,", FALSE);
          g_string_append_printf (link, "%s%s=%s", first ? "?" : "&", k, v);
          first = FALSE;
        }
    }
  token = _posture_demo_encode_skiptoken (end);
  g_string_append_printf (link, "%s$skiptoken=%s", first ? "?" : "&", token);
  json_object_set_string_member (root, "@odata.nextLink", link->str);
  g_string_free (link, TRUE);
}

/* ---- Endpoints ------------------------------------------------------------------------ */

static PostureDemoReply *
denied (void)
{
  return _posture_demo_reply_new_graph_error (403, "Authorization_RequestDenied", DENIED);
}

static PostureDemoReply *
list_ca_policies (PostureDemoRequest *req)
{
  static const char * const allowed[] = { "$top", "$skiptoken", NULL };
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *context = NULL;
  JsonArray *value = json_array_new ();
  guint n = G_N_ELEMENTS (ca_policies);
  guint offset, end;
  PostureDemoReply *reply;

  json_object_set_array_member (root, "value", value);
  if (!req->config->graph_policy_read)
    return denied ();
  if ((reply = check_options (req, allowed)) || (reply = page_bounds (req, n, &offset, &end)))
    return reply;

  context = g_strconcat (req->base_uri, "/v1.0/$metadata#identity/conditionalAccess/policies",
                         NULL);
  json_object_set_string_member (root, "@odata.context", context);
  for (guint i = offset; i < end; i++)
    json_array_add_object_element (value, render_ca_policy (&ca_policies[i], req->base_uri));
  set_next_link (req, root, end, n);
  return _posture_demo_reply_new_object (200, root);
}

static PostureDemoReply *
get_security_defaults (PostureDemoRequest *req)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *context = NULL;

  if (!req->config->graph_policy_read)
    return denied ();

  context = g_strconcat (req->base_uri, "/v1.0/$metadata#policies/"
                         "identitySecurityDefaultsEnforcementPolicy/$entity", NULL);
  json_object_set_string_member (root, "@odata.context", context);
  json_object_set_string_member (root, "id", "00000000-0000-0000-0000-000000000005");
  json_object_set_string_member (root, "displayName", "Security Defaults");
  json_object_set_string_member (root, "description",
                                 "Security defaults is a set of basic identity security "
                                 "mechanisms recommended by Microsoft. When enabled, these "
                                 "recommendations will be automatically enforced in your "
                                 "organization. Administrators and users will be better "
                                 "protected from common identity related attacks.");
  json_object_set_boolean_member (root, "isEnabled", FALSE);
  return _posture_demo_reply_new_object (200, root);
}

/* "roleDefinitionId eq '…'" or "principalId eq '…'": the property and the value. */
static PostureDemoReply *
parse_assignment_filter (const char  *filter,
                         char       **out_property,
                         char       **out_value)
{
  g_autofree char *text = NULL;
  char *eq;
  char *value;
  size_t len;

  if (filter == NULL)
    return bad_request ("Listing role assignments requires a $filter on roleDefinitionId or "
                        "principalId.");
  text = g_strstrip (g_strdup (filter));
  eq = strstr (text, " eq ");
  if (eq == NULL)
    return bad_request ("Invalid filter clause: the filter supports 'property eq 'value''.");
  *eq = '\0';
  value = g_strstrip (eq + 4);
  g_strstrip (text);
  if (!g_str_equal (text, "roleDefinitionId") && !g_str_equal (text, "principalId"))
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("Invalid filter clause: Could not find a property named '%.60s' on "
                             "type 'microsoft.graph.unifiedRoleAssignment'.", text);
      return bad_request (msg);
    }
  len = strlen (value);
  if (len < 2 || value[0] != '\'' || value[len - 1] != '\'')
    return bad_request ("Invalid filter clause: A binary operator with incompatible types was "
                        "detected. Found operand types 'Edm.String' and 'Edm.Guid' for "
                        "operator kind 'Equal'.");
  *out_property = g_strdup (text);
  *out_value = g_strndup (value + 1, len - 2);
  return NULL;
}

static PostureDemoReply *
list_role_assignments (PostureDemoRequest *req)
{
  static const char * const allowed[] = { "$filter", "$expand", "$top", "$skiptoken", NULL };
  const char *expand = _posture_demo_request_query (req, "$expand");
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autofree char *property = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *context = NULL;
  JsonArray *value = json_array_new ();
  guint offset, end;
  PostureDemoReply *reply;

  json_object_set_array_member (root, "value", value);
  if (!req->config->graph_role_read)
    return denied ();
  if ((reply = check_options (req, allowed)))
    return reply;
  if (expand != NULL && !g_str_equal (expand, "principal"))
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("Could not find a navigation property named '%.60s' on type "
                             "'microsoft.graph.unifiedRoleAssignment'.", expand);
      return bad_request (msg);
    }
  if ((reply = parse_assignment_filter (_posture_demo_request_query (req, "$filter"), &property,
                                        &wanted)))
    return reply;

  for (guint i = 0; i < G_N_ELEMENTS (global_admins); i++)
    {
      const DirectoryObject *o = &directory[global_admins[i]];

      const char *key = g_str_equal (property, "roleDefinitionId") ? GLOBAL_ADMIN : o->id;

      if (g_ascii_strcasecmp (wanted, key) == 0)
        g_ptr_array_add (matching, (gpointer) o);
    }
  if ((reply = page_bounds (req, matching->len, &offset, &end)))
    return reply;

  context = g_strdup_printf ("%s/v1.0/$metadata#roleManagement/directory/roleAssignments%s",
                             req->base_uri, expand != NULL ? "(principal())" : "");
  json_object_set_string_member (root, "@odata.context", context);
  for (guint i = offset; i < end; i++)
    {
      const DirectoryObject *o = g_ptr_array_index (matching, i);
      JsonObject *a = json_object_new ();
      g_autofree char *id = g_strdup_printf ("lAPpYvVpN0KRkAEhdxReE%.8s-%u", o->id, i + 1);

      json_object_set_string_member (a, "id", id);
      json_object_set_string_member (a, "roleDefinitionId", GLOBAL_ADMIN);
      json_object_set_string_member (a, "principalId", o->id);
      json_object_set_string_member (a, "directoryScopeId", "/");
      if (expand != NULL)
        json_object_set_object_member (a, "principal", render_object (o));
      json_array_add_object_element (value, a);
    }
  set_next_link (req, root, end, matching->len);
  return _posture_demo_reply_new_object (200, root);
}

static PostureDemoReply *
list_transitive_members (PostureDemoRequest *req,
                         const char         *group)
{
  static const char * const allowed[] = { "$top", "$skiptoken", NULL };
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *context = NULL;
  JsonArray *value = json_array_new ();
  const guint *members;
  guint n, offset, end;
  PostureDemoReply *reply;

  json_object_set_array_member (root, "value", value);
  if (!req->config->graph_role_read)
    return denied ();
  if (g_ascii_strcasecmp (group, TIER0_GROUP) == 0)
    {
      members = tier0_members;
      n = G_N_ELEMENTS (tier0_members);
    }
  else if (g_ascii_strcasecmp (group, AUTOMATION_GROUP) == 0)
    {
      members = automation_members;
      n = G_N_ELEMENTS (automation_members);
    }
  else
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("Resource '%.64s' does not exist or one of its queried "
                             "reference-property objects are not present.", group);
      return _posture_demo_reply_new_graph_error (404, "Request_ResourceNotFound", msg);
    }
  if ((reply = check_options (req, allowed)) || (reply = page_bounds (req, n, &offset, &end)))
    return reply;

  context = g_strconcat (req->base_uri, "/v1.0/$metadata#directoryObjects", NULL);
  json_object_set_string_member (root, "@odata.context", context);
  for (guint i = offset; i < end; i++)
    json_array_add_object_element (value, render_object (&directory[members[i]]));
  set_next_link (req, root, end, n);
  return _posture_demo_reply_new_object (200, root);
}

static PostureDemoReply *
get_organization (PostureDemoRequest *req)
{
  const char *select = _posture_demo_request_query (req, "$select");
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) org = json_object_new ();
  JsonArray *value = json_array_new ();
  JsonArray *domains = json_array_new ();
  JsonObject *d = json_object_new ();
  g_autofree char *context = NULL;

  json_object_set_string_member (org, "id", POSTURE_DEMO_TENANT_ID);
  json_object_set_null_member (org, "deletedDateTime");
  json_object_set_array_member (org, "businessPhones", json_array_new ());
  json_object_set_string_member (org, "city", "Redmond");
  json_object_set_string_member (org, "country", "United States");
  json_object_set_string_member (org, "countryLetterCode", "US");
  json_object_set_string_member (org, "createdDateTime", "2019-03-11T16:40:58Z");
  json_object_set_string_member (org, "displayName", POSTURE_DEMO_TENANT_NAME);
  json_object_set_array_member (org, "marketingNotificationEmails", json_array_new ());
  json_object_set_boolean_member (org, "onPremisesSyncEnabled", FALSE);
  json_object_set_string_member (org, "postalCode", "98052");
  json_object_set_string_member (org, "preferredLanguage", "en");
  json_object_set_string_member (org, "state", "WA");
  json_object_set_array_member (org, "street", string_array ("One Contoso Way", NULL));
  json_object_set_string_member (org, "tenantType", "AAD");
  json_object_set_string_member (d, "capabilities", "Email, OfficeCommunicationsOnline");
  json_object_set_boolean_member (d, "isDefault", TRUE);
  json_object_set_boolean_member (d, "isInitial", TRUE);
  json_object_set_string_member (d, "name", POSTURE_DEMO_TENANT_DOMAIN);
  json_object_set_string_member (d, "type", "Managed");
  json_array_add_object_element (domains, d);
  json_object_set_array_member (org, "verifiedDomains", domains);

  /* $select honoured, as Graph does: only the named properties come back. */
  if (select != NULL && select[0] != '\0')
    {
      g_auto(GStrv) fields = g_strsplit (select, ",", -1);
      g_autoptr(JsonObject) picked = json_object_new ();

      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_strstrip (fields[i]);
          if (!json_object_has_member (org, fields[i]))
            {
              g_autofree char *msg = NULL;

              json_array_unref (value);
              msg = g_strdup_printf ("Could not find a property named '%.100s' on type "
                                     "'microsoft.graph.organization'.", fields[i]);
              return bad_request (msg);
            }
          json_object_set_member (picked, fields[i],
                                  json_node_copy (json_object_get_member (org, fields[i])));
        }
      g_clear_pointer (&org, json_object_unref);
      org = g_steal_pointer (&picked);
      context = g_strdup_printf ("%s/v1.0/$metadata#organization(%s)", req->base_uri, select);
    }
  else
    context = g_strdup_printf ("%s/v1.0/$metadata#organization", req->base_uri);

  json_object_set_string_member (root, "@odata.context", context);
  json_array_add_object_element (value, g_steal_pointer (&org));
  json_object_set_array_member (root, "value", value);
  return _posture_demo_reply_new_object (200, root);
}

/* v1.0/… */
PostureDemoReply *
_posture_demo_graph_route (PostureDemoRequest *req)
{
  char **s = req->segs;
  guint n = req->n_segs;
  PostureDemoReply *(*handler) (PostureDemoRequest *) = NULL;

  if (n == 2 && g_str_equal (s[1], "organization"))
    handler = get_organization;
  else if (n == 4 && g_str_equal (s[1], "identity") && g_str_equal (s[2], "conditionalAccess") &&
           g_str_equal (s[3], "policies"))
    handler = list_ca_policies;
  else if (n == 3 && g_str_equal (s[1], "policies") &&
           g_str_equal (s[2], "identitySecurityDefaultsEnforcementPolicy"))
    handler = get_security_defaults;
  else if (n == 4 && g_str_equal (s[1], "roleManagement") && g_str_equal (s[2], "directory") &&
           g_str_equal (s[3], "roleAssignments"))
    handler = list_role_assignments;
  else if (n == 4 && g_str_equal (s[1], "groups") && g_str_equal (s[3], "transitiveMembers"))
    {
      if (!_posture_demo_request_is (req, "GET"))
        return _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_GRAPH, req->method);
      return list_transitive_members (req, s[2]);
    }
  else
    return NULL;

  if (!_posture_demo_request_is (req, "GET"))
    return _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_GRAPH, req->method);
  return handler (req);
}
