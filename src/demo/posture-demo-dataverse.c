/* posture-demo-dataverse.c: the Dataverse Web API of each demo environment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Served under {base}/dataverse/{environment}/api/data/v9.x/:
 *  - organizations: the one row (reference §2.8) with the columns Posture's catalog v2
 *    reads, restrictGuestUserAccess spelled as the service spells it. A $select naming a
 *    column the organization does not have answers 400 with the OData error Dataverse
 *    gives ("Could not find a property named …", 0x80060888); Finance Integration is an
 *    older organization without allowedlistofiprangesforfirewall, so a client must fall
 *    back column by column.
 *  - organizations({id}) PATCH: 204. Features Learn documents as Managed-Environments-only
 *    (IP firewall, IP cookie binding, app access control) are refused on an unmanaged
 *    environment; Dataverse's message for this is not published, so the answer uses its
 *    documented generic code for an invalid argument (0x80040203) with our wording.
 *  - roles?$select=roleid&$filter=_roletemplateid_value eq {guid}&$expand=
 *    systemuserroles_association($select=…): the System Administrator role's copy in each
 *    business unit, each with its holders; an expanded collection longer than the page
 *    size carries systemuserroles_association@odata.nextLink, served by
 *    roles({id})/systemuserroles_association.
 *  - the IP firewall: enforced (not in audit mode) with allow-lists that hold neither the
 *    caller's address (posture_demo_server_set_caller_address()) nor 127.0.0.1, it
 *    answers every request for that environment with 403 and Learn's message "The
 *    request you are trying to make is rejected as access to your IP is blocked…", before
 *    authentication, as the real firewall does; only a reset (or a caller address inside
 *    the list) lets requests in again, as only Microsoft Support can undo a lockout.
 */

#define G_LOG_DOMAIN "posture-demo-dataverse"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "posture-demo-private.h"
#include "posture-json.h"

#define SYSADMIN_TEMPLATE   "627090ff-40a3-4053-8790-584edc5be201"
#define ASSOCIATION         "systemuserroles_association"
#define MAX_FIREWALL_RANGES 200
#define LOCKOUT_MESSAGE     "The request you are trying to make is rejected as access to your IP " \
                            "is blocked. Contact your administrator for more information."

typedef enum { F_BOOL, F_INT, F_STRING, F_GUID } FieldType;

typedef struct
{
  const char *name;
  FieldType   type;
  gboolean    writable;
  gboolean    managed_only;   /* enabling it needs a Managed Environment */
  gboolean    ip_list;        /* comma-separated IP ranges */
  gboolean    app_list;       /* comma-separated application ids */
} OrgField;

static const OrgField org_fields[] = {
  { "organizationid", F_GUID, FALSE, FALSE, FALSE, FALSE },
  { "name", F_STRING, FALSE, FALSE, FALSE, FALSE },
  { "versionnumber", F_INT, FALSE, FALSE, FALSE, FALSE },
  { "enableipbasedfirewallrule", F_BOOL, TRUE, TRUE, FALSE, FALSE },
  { "enableipbasedfirewallruleinauditmode", F_BOOL, TRUE, TRUE, FALSE, FALSE },
  { "allowediprangeforfirewall", F_STRING, TRUE, TRUE, TRUE, FALSE },
  { "allowedlistofiprangesforfirewall", F_STRING, TRUE, TRUE, TRUE, FALSE },
  { "allowedservicetagsforfirewall", F_STRING, TRUE, FALSE, FALSE, FALSE },
  { "allowapplicationuseraccess", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "allowmicrosofttrustedservicetags", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "reverseproxyipaddresses", F_STRING, TRUE, FALSE, FALSE, FALSE },
  { "enableipbasedcookiebinding", F_BOOL, TRUE, TRUE, FALSE, FALSE },
  { "isauditenabled", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "isuseraccessauditenabled", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "isreadauditenabled", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "auditretentionperiodv2", F_INT, TRUE, FALSE, FALSE, FALSE },
  { "useraccessauditinginterval", F_INT, TRUE, FALSE, FALSE, FALSE },
  { "iscontentsecuritypolicyenabled", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "iscontentsecuritypolicyenabledforcanvas", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "contentsecuritypolicyconfiguration", F_STRING, TRUE, FALSE, FALSE, FALSE },
  { "contentsecuritypolicyconfigurationforcanvas", F_STRING, TRUE, FALSE, FALSE, FALSE },
  { "contentsecuritypolicyreporturi", F_STRING, TRUE, FALSE, FALSE, FALSE },
  { "contentsecuritypolicyoptions", F_INT, TRUE, FALSE, FALSE, FALSE },
  { "sessiontimeoutenabled", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "sessiontimeoutinmins", F_INT, TRUE, FALSE, FALSE, FALSE },
  { "inactivitytimeoutenabled", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "inactivitytimeoutinmins", F_INT, TRUE, FALSE, FALSE, FALSE },
  { "blockedattachments", F_STRING, TRUE, FALSE, FALSE, FALSE },
  { "plugintracelogsetting", F_INT, TRUE, FALSE, FALSE, FALSE },
  { "samesitemodeforsessioncookie", F_INT, TRUE, FALSE, FALSE, FALSE },
  { "enableipbasedstorageaccesssignaturerule", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "ipbasedstorageaccesssignaturemode", F_INT, TRUE, FALSE, FALSE, FALSE },
  { "allowediprangeforstorageaccesssignatures", F_STRING, TRUE, FALSE, FALSE, FALSE },
  { "restrictGuestUserAccess", F_BOOL, TRUE, FALSE, FALSE, FALSE },
  { "applicationbasedaccesscontrolmode", F_INT, TRUE, TRUE, FALSE, FALSE },
  { "allowedapplicationsfordvaccess", F_STRING, TRUE, TRUE, FALSE, TRUE },
  { "blockedapplicationsfordvaccess", F_STRING, TRUE, TRUE, FALSE, TRUE },
};

static const char * const role_columns[] = {
  "roleid", "name", "_roletemplateid_value", "_businessunitid_value", NULL };
static const char * const user_columns[] = {
  "systemuserid", "isdisabled", "accessmode", "applicationid", "azureactivedirectoryobjectid",
  "fullname", NULL };

/* ---- Errors --------------------------------------------------------------------------- */

static PostureDemoReply *
dataverse_error (guint       status,
                 const char *code,
                 const char *message)
{
  return _posture_demo_reply_new_error (status, code, message);
}

static PostureDemoReply *
no_property (const char *name,
             const char *type)
{
  g_autofree char *msg = NULL;

  msg = g_strdup_printf ("Could not find a property named '%.100s' on type "
                         "'Microsoft.Dynamics.CRM.%s'.", name, type);
  return dataverse_error (400, "0x80060888", msg);
}

static PostureDemoReply *
payload_error (const char *format,
               ...) G_GNUC_PRINTF (1, 2);

static PostureDemoReply *
payload_error (const char *format,
               ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  return dataverse_error (400, "0x80048d19", msg);
}

/* ---- The organization row ------------------------------------------------------------- */

static const OrgField *
find_org_field (PostureDemoEnv *env,
                const char     *name)
{
  if (env->missing_column != NULL && g_str_equal (name, env->missing_column))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (org_fields); i++)
    if (g_str_equal (org_fields[i].name, name))
      return &org_fields[i];
  return NULL;
}

static void
set_nullable_string (JsonObject *org,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (org, member, value);
  else
    json_object_set_null_member (org, member);
}

static JsonObject *
ensure_org (PostureDemoEnv *env)
{
  static const char blocked[] =
    "ade;adp;app;asa;ashx;asmx;asp;bas;bat;cdx;cer;chm;class;cmd;com;config;cpl;crt;csh;dll;"
    "exe;fxp;hlp;hta;htr;htw;ida;idc;idq;inf;ins;isp;its;jar;js;jse;ksh;lnk;mad;maf;mag;mam;"
    "maq;mar;mas;mat;mau;mav;maw;mda;mdb;mde;mdt;mdw;mdz;msc;msh;msh1;msh1xml;msh2;msh2xml;"
    "mshxml;msi;msp;mst;ops;pcd;pif;prf;prg;printer;pst;reg;rem;scf;scr;sct;shb;shs;shtm;"
    "shtml;soap;stm;tmp;url;vb;vbe;vbs;vsmacros;vss;vst;vsw;ws;wsc;wsf;wsh;svg";
  static const char csp[] = "{\"Frame-Ancestors\":{\"sources\":[{\"source\":\"'self'\"}]}}";
  guint f = env->org_flags;
  g_autofree char *unique = NULL;
  JsonObject *org;

  if (env->org != NULL)
    return env->org;

  org = json_object_new ();
  unique = g_strdup_printf ("unq%.8s%s", env->resource_id, env->resource_id + 24);
  json_object_set_string_member (org, "organizationid", env->resource_id);
  json_object_set_string_member (org, "name", unique);
  json_object_set_int_member (org, "versionnumber", 1000 + (g_str_hash (env->name) % 90000));
  json_object_set_boolean_member (org, "enableipbasedfirewallrule",
                                  (f & POSTURE_DEMO_ORG_FIREWALL) != 0);
  json_object_set_boolean_member (org, "enableipbasedfirewallruleinauditmode",
                                  (f & POSTURE_DEMO_ORG_FIREWALL_AUDIT) != 0);
  set_nullable_string (org, "allowediprangeforfirewall", env->firewall_ranges);
  set_nullable_string (org, "allowedlistofiprangesforfirewall", env->firewall_list);
  json_object_set_null_member (org, "allowedservicetagsforfirewall");
  json_object_set_boolean_member (org, "allowapplicationuseraccess", TRUE);
  json_object_set_boolean_member (org, "allowmicrosofttrustedservicetags", TRUE);
  json_object_set_null_member (org, "reverseproxyipaddresses");
  json_object_set_boolean_member (org, "enableipbasedcookiebinding",
                                  (f & POSTURE_DEMO_ORG_COOKIE_BINDING) != 0);
  json_object_set_boolean_member (org, "isauditenabled", (f & POSTURE_DEMO_ORG_AUDIT) != 0);
  json_object_set_boolean_member (org, "isuseraccessauditenabled",
                                  (f & POSTURE_DEMO_ORG_USER_AUDIT) != 0);
  json_object_set_boolean_member (org, "isreadauditenabled", FALSE);
  json_object_set_int_member (org, "auditretentionperiodv2",
                              env->audit_retention ? (gint64) env->audit_retention : -1);
  json_object_set_int_member (org, "useraccessauditinginterval", 4);
  json_object_set_boolean_member (org, "iscontentsecuritypolicyenabled",
                                  (f & POSTURE_DEMO_ORG_CSP) != 0);
  json_object_set_boolean_member (org, "iscontentsecuritypolicyenabledforcanvas",
                                  (f & POSTURE_DEMO_ORG_CSP_CANVAS) != 0);
  json_object_set_string_member (org, "contentsecuritypolicyconfiguration", csp);
  json_object_set_string_member (org, "contentsecuritypolicyconfigurationforcanvas", csp);
  json_object_set_null_member (org, "contentsecuritypolicyreporturi");
  json_object_set_int_member (org, "contentsecuritypolicyoptions", 0);
  json_object_set_boolean_member (org, "sessiontimeoutenabled",
                                  (f & POSTURE_DEMO_ORG_SESSION_TIMEOUT) != 0);
  json_object_set_int_member (org, "sessiontimeoutinmins", 1440);
  json_object_set_boolean_member (org, "inactivitytimeoutenabled",
                                  (f & POSTURE_DEMO_ORG_SESSION_TIMEOUT) != 0);
  json_object_set_int_member (org, "inactivitytimeoutinmins", 120);
  json_object_set_string_member (org, "blockedattachments", blocked);
  json_object_set_int_member (org, "plugintracelogsetting", 0);
  json_object_set_int_member (org, "samesitemodeforsessioncookie", 0);
  json_object_set_boolean_member (org, "enableipbasedstorageaccesssignaturerule", FALSE);
  json_object_set_int_member (org, "ipbasedstorageaccesssignaturemode", 0);
  json_object_set_null_member (org, "allowediprangeforstorageaccesssignatures");
  json_object_set_boolean_member (org, "restrictGuestUserAccess",
                                  (f & POSTURE_DEMO_ORG_RESTRICT_GUESTS) != 0);
  json_object_set_int_member (org, "applicationbasedaccesscontrolmode", env->app_access_mode);
  set_nullable_string (org, "allowedapplicationsfordvaccess", env->allowed_apps);
  set_nullable_string (org, "blockedapplicationsfordvaccess", env->blocked_apps);

  if (env->missing_column != NULL)
    json_object_remove_member (org, env->missing_column);

  env->org = org;
  return org;
}

/* ---- The IP firewall ------------------------------------------------------------------ */

/* Whether the range (an address with an optional /prefix; host bits beyond the prefix
 * are tolerated, as the catalog tolerates them) holds the address. */
static gboolean
range_holds (const char     *range,
             GInetAddress   *address)
{
  g_autofree char *text = g_strstrip (g_strdup (range));
  g_autoptr(GInetAddress) base = NULL;
  char *slash = strchr (text, '/');
  const guint8 *a, *b;
  guint bits, prefix;
  guint64 value = 0;

  if (slash != NULL)
    *slash = '\0';
  if ((base = g_inet_address_new_from_string (text)) == NULL ||
      g_inet_address_get_family (base) != g_inet_address_get_family (address))
    return FALSE;
  bits = (guint) g_inet_address_get_native_size (base) * 8;
  prefix = bits;
  if (slash != NULL && !g_ascii_string_to_unsigned (slash + 1, 10, 0, bits, &value, NULL))
    return FALSE;
  if (slash != NULL)
    prefix = (guint) value;

  a = g_inet_address_to_bytes (base);
  b = g_inet_address_to_bytes (address);
  for (guint i = 0; i < prefix; i++)
    {
      guint8 mask = 0x80 >> (i % 8);

      if ((a[i / 8] & mask) != (b[i / 8] & mask))
        return FALSE;
    }
  return TRUE;
}

static gboolean
list_holds (const char   *list,
            GInetAddress *address)
{
  g_auto(GStrv) entries = NULL;

  if (list == NULL)
    return FALSE;
  entries = g_strsplit (list, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    if (range_holds (entries[i], address))
      return TRUE;
  return FALSE;
}

static gboolean
firewall_admits_caller (PostureDemoEnv    *env,
                        PostureDemoConfig *config)
{
  JsonObject *org = ensure_org (env);
  const char *addresses[] = { config->caller_address, "127.0.0.1" };
  gboolean on = FALSE;
  gboolean audit = FALSE;

  posture_json_get_boolean (org, "enableipbasedfirewallrule", &on);
  posture_json_get_boolean (org, "enableipbasedfirewallruleinauditmode", &audit);
  if (!on || audit)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GInetAddress) address = NULL;

      if (addresses[i] == NULL || (address = g_inet_address_new_from_string (addresses[i])) == NULL)
        continue;
      if (list_holds (posture_json_get_string (org, "allowediprangeforfirewall"), address) ||
          list_holds (posture_json_get_string (org, "allowedlistofiprangesforfirewall"), address))
        return TRUE;
    }
  return FALSE;
}

PostureDemoReply *
_posture_demo_dataverse_firewall (PostureDemoRequest *req)
{
  PostureDemoEnv *env;

  if (req->n_segs < 2)
    return NULL;
  env = _posture_demo_scenario_lookup (req->scenario, req->segs[1]);
  if (env == NULL || !env->has_dataverse || firewall_admits_caller (env, req->config))
    return NULL;

  g_debug ("IP firewall of %s: %s is not in the allow-list", env->name,
           req->config->caller_address);
  return dataverse_error (403, "Forbidden", LOCKOUT_MESSAGE);
}

/* ---- organizations -------------------------------------------------------------------- */

static void
add_formatted_values (JsonObject *row)
{
  g_autoptr(GList) names = json_object_get_members (row);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *v = json_object_get_member (row, l->data);
      g_autofree char *annotation = NULL;
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_VALUE (v) || g_str_has_prefix (l->data, "@") ||
          g_str_equal (l->data, "organizationid"))
        continue;
      if (json_node_get_value_type (v) == G_TYPE_BOOLEAN)
        text = g_strdup (json_node_get_boolean (v) ? "Yes" : "No");
      else if (json_node_get_value_type (v) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (v));
      else
        continue;
      annotation = g_strconcat (l->data, "@OData.Community.Display.V1.FormattedValue", NULL);
      json_object_set_string_member (row, annotation, text);
    }
}

static PostureDemoReply *
get_organization (PostureDemoRequest *req,
                  PostureDemoEnv     *env,
                  const char         *version)
{
  const char *select = _posture_demo_request_query (req, "$select");
  const char *prefer = soup_message_headers_get_one (req->headers, "Prefer");
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) row = json_object_new ();
  g_auto(GStrv) fields = NULL;
  g_autofree char *context = NULL;
  g_autofree char *etag = NULL;
  JsonObject *org = ensure_org (env);
  PostureDemoReply *reply;
  gboolean formatted;
  JsonArray *value;

  if (select != NULL && select[0] != '\0')
    {
      fields = g_strsplit (select, ",", -1);
      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_strstrip (fields[i]);
          if (find_org_field (env, fields[i]) == NULL)
            return no_property (fields[i], "organization");
        }
      context = g_strdup_printf ("%s/dataverse/%s/api/data/%s/$metadata#organizations(%s)",
                                 req->base_uri, env->name, version, select);
    }
  else
    context = g_strdup_printf ("%s/dataverse/%s/api/data/%s/$metadata#organizations",
                               req->base_uri, env->name, version);

  etag = g_strdup_printf ("W/\"%" G_GINT64_FORMAT "\"",
                          json_object_get_int_member_with_default (org, "versionnumber", 0));
  json_object_set_string_member (row, "@odata.etag", etag);
  for (guint i = 0; i < G_N_ELEMENTS (org_fields); i++)
    {
      const char *name = org_fields[i].name;

      if (!json_object_has_member (org, name) ||
          (fields != NULL && !g_strv_contains ((const char * const *) fields, name) &&
           !g_str_equal (name, "organizationid")))
        continue;
      json_object_set_member (row, name, json_node_copy (json_object_get_member (org, name)));
    }

  json_object_set_string_member (root, "@odata.context", context);
  value = json_array_new ();
  json_object_set_array_member (root, "value", value);

  /* Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue" */
  formatted = prefer != NULL && strstr (prefer, "OData.Community.Display.V1.FormattedValue");
  if (formatted)
    add_formatted_values (row);
  json_array_add_object_element (value, g_steal_pointer (&row));

  reply = _posture_demo_reply_new_object (200, root);
  if (formatted)
    reply->preference_applied = g_strdup ("odata.include-annotations="
                                          "\"OData.Community.Display.V1.FormattedValue\"");
  return reply;
}

static gboolean
valid_ip_list (const char  *list,
               char       **out_bad)
{
  g_auto(GStrv) entries = g_strsplit (list, ",", -1);
  guint n = 0;

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (entries[i]));
      g_autoptr(GInetAddress) address = NULL;
      char *slash;
      guint64 prefix = 0;

      if (text[0] == '\0')
        continue;
      n++;
      slash = strchr (text, '/');
      if (slash != NULL)
        *slash = '\0';
      address = g_inet_address_new_from_string (text);
      if (address == NULL ||
          (slash != NULL &&
           !g_ascii_string_to_unsigned (slash + 1, 10, 0,
                                        g_inet_address_get_native_size (address) * 8,
                                        &prefix, NULL)))
        {
          *out_bad = g_strstrip (g_strdup (entries[i]));
          return FALSE;
        }
    }
  if (n > MAX_FIREWALL_RANGES)
    {
      *out_bad = g_strdup_printf ("%u ranges (at most %u)", n, MAX_FIREWALL_RANGES);
      return FALSE;
    }
  return TRUE;
}

static gboolean
valid_app_list (const char  *list,
                char       **out_bad)
{
  g_auto(GStrv) entries = g_strsplit (list, ",", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (entries[i]));

      if (text[0] != '\0' && !_posture_demo_is_guid (text))
        {
          *out_bad = g_steal_pointer (&text);
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether writing this value turns a feature on. */
static gboolean
enables (JsonNode *value)
{
  if (JSON_NODE_HOLDS_NULL (value))
    return FALSE;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (value);
    case G_TYPE_INT64:
      return json_node_get_int (value) != 0;
    case G_TYPE_STRING:
      return json_node_get_string (value)[0] != '\0';
    default:
      return TRUE;
    }
}

static PostureDemoReply *
check_org_value (PostureDemoEnv *env,
                 const OrgField *field,
                 const char     *name,
                 JsonNode       *value)
{
  gboolean ok = FALSE;
  g_autofree char *bad = NULL;

  if (JSON_NODE_HOLDS_NULL (value))
    ok = field->type == F_STRING;
  else if (JSON_NODE_HOLDS_VALUE (value))
    {
      GType type = json_node_get_value_type (value);

      ok = (field->type == F_BOOL && type == G_TYPE_BOOLEAN) ||
           (field->type == F_INT && type == G_TYPE_INT64) ||
           (field->type == F_STRING && type == G_TYPE_STRING &&
            strlen (json_node_get_string (value)) <= 4000);
    }
  if (!ok)
    return payload_error ("Cannot convert the literal for the property '%s' to the expected "
                          "type.", name);

  if (g_str_equal (name, "applicationbasedaccesscontrolmode") &&
      (json_node_get_int (value) < 0 || json_node_get_int (value) > 3))
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("A validation error occurred. The value %" G_GINT64_FORMAT " of "
                             "'applicationbasedaccesscontrolmode' on record of type "
                             "'organization' is outside the valid range. Accepted Values: "
                             "0,1,2,3", json_node_get_int (value));
      return dataverse_error (400, "0x80044331", msg);
    }
  if (field->ip_list && !JSON_NODE_HOLDS_NULL (value) &&
      !valid_ip_list (json_node_get_string (value), &bad))
    {
      g_autofree char *msg = g_strdup_printf ("The value '%.100s' of '%s' is not a valid IPv4 or "
                                              "IPv6 range in CIDR notation.", bad, name);

      return dataverse_error (400, "0x80040203", msg);
    }
  if (field->app_list && !JSON_NODE_HOLDS_NULL (value) &&
      !valid_app_list (json_node_get_string (value), &bad))
    {
      g_autofree char *msg = g_strdup_printf ("The value '%.100s' of '%s' is not an application "
                                              "id.", bad, name);

      return dataverse_error (400, "0x80040203", msg);
    }
  if (field->managed_only && !_posture_demo_env_is_managed (env) && enables (value))
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("The setting '%s' is available only in Managed Environments, and "
                             "environment '%s' is not managed. Enable Managed Environments for "
                             "it first.", name, env->name);
      return dataverse_error (400, "0x80040203", msg);
    }
  return NULL;
}

static PostureDemoReply *
patch_organization (PostureDemoRequest *req,
                    PostureDemoEnv     *env,
                    const char         *organization_id)
{
  g_autoptr(JsonNode) body = NULL;
  PostureDemoReply *reply = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonObject *org = ensure_org (env);
  JsonObject *in;

  if (organization_id == NULL || g_ascii_strcasecmp (organization_id, env->resource_id) != 0)
    {
      g_autofree char *msg = g_strdup_printf ("organization With Id = %.64s Does Not Exist",
                                              organization_id ? organization_id : "");

      return dataverse_error (404, "0x80040217", msg);
    }

  body = _posture_demo_request_parse_body (req, &reply);
  if (reply != NULL)
    return reply;
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return payload_error ("Error identified in Payload provided by the user for Entity "
                          ":'organizations'.");
  in = json_node_get_object (body);

  /* Check everything first, so that a refused payload changes nothing. */
  json_object_iter_init_ordered (&iter, in);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const OrgField *field = find_org_field (env, name);

      if (field == NULL)
        {
          g_autofree char *msg = NULL;

          msg = g_strdup_printf ("The property '%.100s' does not exist on type "
                                 "'Microsoft.Dynamics.CRM.organization'. Make sure to only use "
                                 "property names that are defined by the type.", name);
          return dataverse_error (400, "0x80060888", msg);
        }
      if (!field->writable)
        return payload_error ("The property '%s' cannot be updated.", name);
      if ((reply = check_org_value (env, field, name, value)))
        return reply;
    }

  json_object_iter_init_ordered (&iter, in);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (org, name, _posture_demo_json_copy (value));
  json_object_set_int_member (org, "versionnumber",
                              json_object_get_int_member_with_default (org, "versionnumber",
                                                                       0) + 1);

  if (!firewall_admits_caller (env, req->config))
    g_message ("The IP firewall of %s now blocks the demo's caller (%s): its Dataverse answers "
               "403 until the demo tenant is reset", env->name, req->config->caller_address);

  return _posture_demo_reply_new (204, NULL);
}

/* ---- roles ---------------------------------------------------------------------------- */

static JsonObject *
new_user (PostureDemoEnv *env,
          guint           index,
          guint           unit)
{
  JsonObject *user = json_object_new ();
  g_autofree char *id = _posture_demo_hash_guid (env->name, "systemuser", index);
  g_autofree char *oid = _posture_demo_hash_guid (env->name, "aad", index);
  g_autofree char *app = _posture_demo_hash_guid (env->name, "application", index);
  g_autofree char *name = NULL;
  const PostureDemoAdmins *a = &env->admins;
  gboolean is_app = unit == 0 && index < a->app_users;
  gboolean disabled = unit == 0 && !is_app && index < (guint) a->app_users + a->disabled;
  gboolean support = unit == 0 && !is_app && !disabled &&
                     index < (guint) a->app_users + a->disabled + a->support;

  name = is_app ? g_strdup_printf ("# Contoso integration %u", index)
                : g_strdup_printf ("Administrator %u", index + 1);
  json_object_set_string_member (user, "systemuserid", id);
  json_object_set_boolean_member (user, "isdisabled", disabled);
  json_object_set_int_member (user, "accessmode", is_app ? 4 : support ? 3 : 0);
  if (is_app)
    json_object_set_string_member (user, "applicationid", app);
  else if (index % 5 == 4)
    json_object_set_string_member (user, "applicationid", POSTURE_DEMO_ZERO_GUID);
  else
    json_object_set_null_member (user, "applicationid");
  if (support)
    json_object_set_null_member (user, "azureactivedirectoryobjectid");
  else
    json_object_set_string_member (user, "azureactivedirectoryobjectid", oid);
  json_object_set_string_member (user, "fullname", name);
  return user;
}

/* The System Administrator role's copies, one per business unit with holders. */
static JsonArray *
ensure_roles (PostureDemoEnv *env)
{
  const PostureDemoAdmins *a = &env->admins;
  guint next = a->per_unit[0];

  if (env->roles != NULL)
    return env->roles;

  env->roles = json_array_new ();
  for (guint unit = 0; unit < G_N_ELEMENTS (a->per_unit); unit++)
    {
      JsonObject *role;
      JsonArray *users;
      g_autofree char *roleid = NULL;
      g_autofree char *unitid = NULL;

      if (unit > 0 && a->per_unit[unit] == 0)
        continue;
      role = json_object_new ();
      users = json_array_new ();
      roleid = _posture_demo_hash_guid (env->name, "role", unit);
      unitid = _posture_demo_hash_guid (env->name, "businessunit", unit);
      json_object_set_string_member (role, "roleid", roleid);
      json_object_set_string_member (role, "name", "System Administrator");
      json_object_set_string_member (role, "_roletemplateid_value", SYSADMIN_TEMPLATE);
      json_object_set_string_member (role, "_businessunitid_value", unitid);

      for (guint i = 0; i < a->per_unit[unit]; i++)
        {
          guint index;

          if (unit == 0)
            index = i;
          else if (unit == 1 && i < a->shared)
            index = a->per_unit[0] - 1 - i;   /* holds copy 0 as well */
          else
            index = next++;
          json_array_add_object_element (users, new_user (env, index, unit == 1 &&
                                                          i < a->shared ? 0 : unit));
        }
      json_object_set_array_member (role, ASSOCIATION, users);
      json_array_add_object_element (env->roles, role);
    }
  return env->roles;
}

/* Splits "a,b,c" into columns, each known to the entity, or gives the 400. */
static PostureDemoReply *
parse_columns (const char          *select,
               const char * const  *known,
               const char          *type,
               GStrv               *out_columns)
{
  g_auto(GStrv) columns = g_strsplit (select, ",", -1);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_strstrip (columns[i]);
      if (!g_strv_contains (known, columns[i]))
        return no_property (columns[i], type);
    }
  *out_columns = g_steal_pointer (&columns);
  return NULL;
}

static JsonObject *
select_row (JsonObject         *source,
            const char * const *columns,
            const char         *key)
{
  JsonObject *row = json_object_new ();
  g_autofree char *etag = g_strdup_printf ("W/\"%u\"", g_str_hash (posture_json_get_string (source,
                                                                                          key)));

  json_object_set_string_member (row, "@odata.etag", etag);
  json_object_set_member (row, key, json_node_copy (json_object_get_member (source, key)));
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (!g_str_equal (columns[i], key))
      json_object_set_member (row, columns[i],
                              json_node_copy (json_object_get_member (source, columns[i])));
  return row;
}

/* One page of a role's holders, with the link to the next one. */
static JsonArray *
user_page (PostureDemoRequest *req,
           PostureDemoEnv     *env,
           const char         *version,
           JsonObject         *role,
           const char         *select,
           const char * const *columns,
           guint               offset,
           char              **out_next)
{
  JsonArray *users = posture_json_get_array (role, ASSOCIATION);
  guint n = json_array_get_length (users);
  guint size = req->config->odata_page_size > 0 ? req->config->odata_page_size : n;
  guint end = MIN (n, offset + MAX (size, 1));
  JsonArray *page = json_array_new ();

  for (guint i = offset; i < end; i++)
    json_array_add_object_element (page, select_row (json_array_get_object_element (users, i),
                                                     columns, "systemuserid"));
  *out_next = NULL;
  if (end < n)
    {
      g_autofree char *token = _posture_demo_encode_skiptoken (end);
      g_autofree char *escaped = g_uri_escape_string (select, ",", FALSE);

      *out_next = g_strdup_printf ("%s/dataverse/%s/api/data/%s/roles(%s)/" ASSOCIATION
                                   "?$select=%s&$skiptoken=%s", req->base_uri, env->name,
                                   version, posture_json_get_string (role, "roleid"), escaped,
                                   token);
    }
  return page;
}

/* $filter=_roletemplateid_value eq {guid}: the only filter the demo serves. */
static PostureDemoReply *
parse_role_filter (const char  *filter,
                   char       **out_template)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *text = NULL;

  *out_template = NULL;
  if (filter == NULL)
    return NULL;
  text = g_strstrip (g_strdup (filter));
  words = g_strsplit_set (text, " ", -1);
  {
    g_autoptr(GPtrArray) w = g_ptr_array_new ();

    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        g_ptr_array_add (w, words[i]);
    if (w->len != 3 || g_ascii_strcasecmp (g_ptr_array_index (w, 1), "eq") != 0)
      return dataverse_error (400, "0x80060888", "The query specified in the URI is not valid: "
                                                 "$filter supports '_roletemplateid_value eq "
                                                 "{guid}' here.");
    if (!g_str_equal (g_ptr_array_index (w, 0), "_roletemplateid_value"))
      return no_property (g_ptr_array_index (w, 0), "role");
    if (((char *) g_ptr_array_index (w, 2))[0] == '\'')
      return dataverse_error (400, "0x80060888", "A binary operator with incompatible types was "
                                                 "detected. Found operand types 'Edm.Guid' and "
                                                 "'Edm.String' for operator kind 'Equal'.");
    if (!_posture_demo_is_guid (g_ptr_array_index (w, 2)))
      return dataverse_error (400, "0x80060888", "Unrecognized 'Edm.Guid' literal in $filter.");
    *out_template = g_ascii_strdown (g_ptr_array_index (w, 2), -1);
  }
  return NULL;
}

/* $expand=systemuserroles_association($select=a,b) */
static PostureDemoReply *
parse_role_expand (const char  *expand,
                   gboolean    *out_expand,
                   char       **out_select)
{
  g_autofree char *inner = NULL;
  size_t len;

  *out_expand = FALSE;
  *out_select = NULL;
  if (expand == NULL)
    return NULL;
  if (!g_str_has_prefix (expand, ASSOCIATION))
    {
      g_autofree char *name = g_strdup (expand);

      name[strcspn (name, "(")] = '\0';
      return no_property (name, "role");
    }
  *out_expand = TRUE;
  inner = g_strdup (expand + strlen (ASSOCIATION));
  if (inner[0] == '\0')
    return NULL;
  len = strlen (inner);
  if (inner[0] != '(' || inner[len - 1] != ')' || !g_str_has_prefix (inner + 1, "$select="))
    return dataverse_error (400, "0x80060888", "The query specified in the URI is not valid: "
                                               "the expanded navigation property takes "
                                               "($select=…) only here.");
  inner[len - 1] = '\0';
  *out_select = g_strdup (inner + 1 + strlen ("$select="));
  return NULL;
}

static PostureDemoReply *
get_roles (PostureDemoRequest *req,
           PostureDemoEnv     *env,
           const char         *version)
{
  const char *select = _posture_demo_request_query (req, "$select");
  g_autofree char *template = NULL;
  g_autofree char *user_select = NULL;
  g_auto(GStrv) role_cols = NULL;
  g_auto(GStrv) user_cols = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *context = NULL;
  JsonArray *value = json_array_new ();
  JsonArray *roles = ensure_roles (env);
  gboolean expand = FALSE;
  PostureDemoReply *reply;

  json_object_set_array_member (root, "value", value);
  if (select != NULL && (reply = parse_columns (select, role_columns, "role", &role_cols)))
    return reply;
  if ((reply = parse_role_filter (_posture_demo_request_query (req, "$filter"), &template)))
    return reply;
  if ((reply = parse_role_expand (_posture_demo_request_query (req, "$expand"), &expand,
                                  &user_select)))
    return reply;
  if (user_select != NULL &&
      (reply = parse_columns (user_select, user_columns, "systemuser", &user_cols)))
    return reply;

  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);
      JsonObject *row;

      if (template != NULL &&
          g_strcmp0 (posture_json_get_string (role, "_roletemplateid_value"), template) != 0)
        continue;
      row = select_row (role, role_cols != NULL ? (const char * const *) role_cols
                                                : role_columns, "roleid");
      if (expand)
        {
          g_autofree char *next = NULL;
          const char * const *cols = user_cols != NULL ? (const char * const *) user_cols
                                                       : user_columns;
          g_autofree char *joined = g_strjoinv (",", (char **) cols);
          JsonArray *page = user_page (req, env, version, role, joined, cols, 0, &next);

          json_object_set_array_member (row, ASSOCIATION, page);
          if (next != NULL)
            json_object_set_string_member (row, ASSOCIATION "@odata.nextLink", next);
        }
      json_array_add_object_element (value, row);
    }

  context = g_strdup_printf ("%s/dataverse/%s/api/data/%s/$metadata#roles(%s%s%s%s%s)",
                             req->base_uri, env->name, version, select ? select : "",
                             expand && select ? "," : "", expand ? ASSOCIATION "(" : "",
                             expand ? (user_select ? user_select : "") : "",
                             expand ? ")" : "");
  json_object_set_string_member (root, "@odata.context", context);
  return _posture_demo_reply_new_object (200, root);
}

/* roles({id})/systemuserroles_association?$select=…&$skiptoken=… */
static PostureDemoReply *
get_role_users (PostureDemoRequest *req,
                PostureDemoEnv     *env,
                const char         *version,
                const char         *roleid)
{
  const char *select = _posture_demo_request_query (req, "$select");
  const char *skiptoken = _posture_demo_request_query (req, "$skiptoken");
  g_auto(GStrv) cols = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *next = NULL;
  g_autofree char *context = NULL;
  g_autofree char *joined = NULL;
  JsonArray *roles = ensure_roles (env);
  JsonObject *role = NULL;
  guint offset = 0;
  PostureDemoReply *reply;

  for (guint i = 0; i < json_array_get_length (roles); i++)
    if (g_ascii_strcasecmp (posture_json_get_string (json_array_get_object_element (roles, i),
                                                     "roleid"), roleid) == 0)
      role = json_array_get_object_element (roles, i);
  if (role == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("role With Id = %.64s Does Not Exist", roleid);

      return dataverse_error (404, "0x80040217", msg);
    }
  if (select != NULL && (reply = parse_columns (select, user_columns, "systemuser", &cols)))
    return reply;
  if (skiptoken != NULL && !_posture_demo_decode_skiptoken (skiptoken, &offset))
    return dataverse_error (400, "0x80060888", "The $skiptoken is not valid. Follow the "
                                               "@odata.nextLink as given.");
  if (offset > json_array_get_length (posture_json_get_array (role, ASSOCIATION)))
    return dataverse_error (400, "0x80060888", "The $skiptoken is not valid. Follow the "
                                               "@odata.nextLink as given.");

  joined = g_strjoinv (",", cols != NULL ? cols : (char **) user_columns);
  json_object_set_array_member (root, "value",
                                user_page (req, env, version, role, joined,
                                           cols != NULL ? (const char * const *) cols
                                                        : user_columns, offset, &next));
  context = g_strdup_printf ("%s/dataverse/%s/api/data/%s/$metadata#systemusers(%s)",
                             req->base_uri, env->name, version, joined);
  json_object_set_string_member (root, "@odata.context", context);
  if (next != NULL)
    json_object_set_string_member (root, "@odata.nextLink", next);
  return _posture_demo_reply_new_object (200, root);
}

/* ---- Routes --------------------------------------------------------------------------- */

static char *
entity_key (const char *segment,
            const char *entity)
{
  size_t len = strlen (entity);

  if (!g_str_has_prefix (segment, entity) || segment[len] != '(' ||
      !g_str_has_suffix (segment, ")"))
    return NULL;
  return g_strndup (segment + len + 1, strlen (segment) - len - 2);
}

/* dataverse/{env}/api/data/v9.x/… */
PostureDemoReply *
_posture_demo_dataverse_route (PostureDemoRequest *req)
{
  static const char * const versions[] = { "v9.0", "v9.1", "v9.2", NULL };
  char **s = req->segs;
  guint n = req->n_segs;
  PostureDemoEnv *env;
  g_autofree char *key = NULL;

  if (n < 6 || !g_str_equal (s[2], "api") || !g_str_equal (s[3], "data") ||
      !g_strv_contains (versions, s[4]))
    return NULL;
  env = _posture_demo_scenario_lookup (req->scenario, s[1]);
  if (env == NULL || !env->has_dataverse)
    return NULL;
  if (env->dataverse_forbidden)
    return dataverse_error (403, "0x80072560", "The user is not a member of the organization.");

  if (n == 6 && g_str_equal (s[5], "organizations"))
    return _posture_demo_request_is (req, "GET")
           ? get_organization (req, env, s[4])
           : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_DATAVERSE, req->method);

  if (n == 6 && (key = entity_key (s[5], "organizations")))
    return _posture_demo_request_is (req, "PATCH")
           ? patch_organization (req, env, key)
           : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_DATAVERSE, req->method);

  if (n == 6 && g_str_equal (s[5], "roles"))
    return _posture_demo_request_is (req, "GET")
           ? get_roles (req, env, s[4])
           : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_DATAVERSE, req->method);

  if (n == 7 && (key = entity_key (s[5], "roles")) && g_str_equal (s[6], ASSOCIATION))
    return _posture_demo_request_is (req, "GET")
           ? get_role_users (req, env, s[4], key)
           : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_DATAVERSE, req->method);

  return NULL;
}
