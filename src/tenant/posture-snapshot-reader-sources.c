/* posture-snapshot-reader-sources.c: the sources of a snapshot read that are recorded,
 * not fatal, when they fail: each environment's Dataverse (organizations row with the
 * $select falling back column by column, System Administrator role copies) and
 * Microsoft Graph (Conditional Access, security defaults, Global Administrators)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-json.h"
#include "posture-payload-private.h"
#include "posture-snapshot-reader-private.h"
#include "posture-tenant-error.h"

#define GRAPH_CONDITIONAL_ACCESS_PATH "/v1.0/identity/conditionalAccess/policies"
#define GRAPH_SECURITY_DEFAULTS_PATH "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"
/* Global Administrator's role template id. */
#define GRAPH_GLOBAL_ADMINS_PATH \
  "/v1.0/roleManagement/directory/roleAssignments" \
  "?$filter=roleDefinitionId%20eq%20'62e90394-69f5-4237-9190-012177145e10'&$expand=principal"
/* System Administrator's role template id; the role has a copy in every business unit. */
#define DATAVERSE_ROLES_QUERY \
  "api/data/v9.2/roles?$select=roleid" \
  "&$filter=_roletemplateid_value%20eq%20627090ff-40a3-4053-8790-584edc5be201" \
  "&$expand=systemuserroles_association($select=systemuserid,isdisabled,accessmode," \
  "applicationid,azureactivedirectoryobjectid)"

/* Dataverse: the organizations row (the request primitive drops a column the instance
 * does not know and reads again; each dropped column becomes a warning) */

static char *
instance_uri (const char *instance_url,
              const char *rest)
{
  return g_strconcat (instance_url, g_str_has_suffix (instance_url, "/") ? "" : "/", rest, NULL);
}

static void
note_missing_column (ReadState  *state,
                     const char *column,
                     const char *environment)
{
  GPtrArray *environments = g_hash_table_lookup (state->missing_columns, column);

  if (environments == NULL)
    {
      environments = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (state->missing_columns, g_strdup (column), environments);
    }
  g_ptr_array_add (environments, g_strdup (environment));
}

typedef struct
{
  ReadState *state;
  char      *name;          /* environment */
} RowRead;

static void
row_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  RowRead *row = user_data;
  ReadState *state = row->state;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) dropped = NULL;
  guint status = 0;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              &status, &code, &message, &error))
    {
      if (_posture_read_error_is_fatal (error))
        _posture_read_fail (state, g_steal_pointer (&error));
      else
        entry = posture_snapshot_error_entry_new (status, _posture_read_error_code (error, code),
                                                  message != NULL ? message : error->message);
    }
  else
    {
      JsonNode *first = _posture_payload_dataverse_row (node);

      if (first != NULL)
        entry = json_node_ref (first);
      else
        entry = posture_snapshot_error_entry_new (status, "InvalidResponse",
                                                  "The organizations answer holds no "
                                                  "organization row");
    }

  if (entry != NULL)
    posture_snapshot_builder_set_dataverse (state->builder, row->name, entry);
  dropped = _posture_tenant_client_request_dup_dropped (POSTURE_TENANT_CLIENT (object), result);
  for (guint i = 0; dropped != NULL && dropped[i] != NULL; i++)
    note_missing_column (state, dropped[i], row->name);

  g_free (row->name);
  g_free (row);
  _posture_read_request_done (state);
}

/* Dataverse: the System Administrator role copies */

typedef struct
{
  ReadState  *state;
  char       *name;         /* environment */
  char       *roles_uri;
  JsonNode   *roles;        /* the merged roles answer, once the list is in */
  JsonArray  *copies;       /* its role copies, whose associations may still grow */
  guint       pending;      /* association pages still out */
  JsonNode   *error_entry;  /* the first failure, which stands for the whole entry */
  guint       refs;
} AdminsRead;

static AdminsRead *
admins_ref (AdminsRead *admins)
{
  admins->refs++;
  return admins;
}

static void
admins_unref (gpointer data)
{
  AdminsRead *admins = data;

  if (--admins->refs > 0)
    return;
  g_free (admins->name);
  g_free (admins->roles_uri);
  g_clear_pointer (&admins->roles, json_node_unref);
  g_clear_pointer (&admins->copies, json_array_unref);
  g_clear_pointer (&admins->error_entry, json_node_unref);
  g_free (admins);
}

/* When nothing is out any more, the entry goes to the builder. */
static void
admins_settle (AdminsRead *admins)
{
  if (admins->pending > 0 || (admins->roles == NULL && admins->error_entry == NULL))
    return;

  posture_snapshot_builder_set_dataverse_admins (admins->state->builder, admins->name,
                                                 admins->error_entry != NULL
                                                 ? admins->error_entry : admins->roles);
}

static void
admins_failed (AdminsRead   *admins,
               guint         status,
               const char   *code,
               const char   *message,
               const GError *error)
{
  if (_posture_read_error_is_fatal (error))
    {
      _posture_read_fail (admins->state, g_error_copy (error));
      return;
    }
  if (admins->error_entry == NULL)
    admins->error_entry = posture_snapshot_error_entry_new (status,
                                                            _posture_read_error_code (error, code),
                                                            message != NULL ? message
                                                                            : error->message);
}

typedef struct
{
  AdminsRead *admins;
  guint       index;        /* of the role copy */
} AssociationPage;

static void
association_page_free (gpointer data)
{
  AssociationPage *page = data;

  admins_unref (page->admins);
  g_free (page);
}

static void
association_done (ReadState    *state,
                  JsonNode     *merged,
                  guint         status,
                  const char   *code,
                  const char   *message,
                  const GError *error,
                  gpointer      user_data)
{
  AssociationPage *page = user_data;
  AdminsRead *admins = page->admins;

  admins->pending--;
  if (error != NULL)
    admins_failed (admins, status, code, message, error);
  else
    _posture_payload_role_append (json_array_get_element (admins->copies, page->index), merged);
  admins_settle (admins);
}

/* A role copy whose expanded association is paged: a mutable copy that the next
 * pages are appended to; the others are shared. */
static JsonNode *
role_copy (AdminsRead *admins,
           JsonNode   *role,
           guint       index)
{
  g_autoptr(GError) error = NULL;
  const char *next_link = _posture_payload_association_next (role);
  AssociationPage *page;

  if (next_link == NULL)
    return json_node_ref (role);

  /* The next page belongs to the same instance: the host rules and the loop and page
   * bounds hold as for any list. */
  if (!posture_endpoints_check_redirect (posture_oauth_get_endpoints (admins->state->oauth),
                                         admins->roles_uri, next_link, &error))
    {
      g_prefix_error (&error, "The System Administrators of environment %s point to their "
                      "next page elsewhere: ", admins->name);
      _posture_read_fail (admins->state, g_steal_pointer (&error));
      return json_node_ref (role);
    }

  page = g_new0 (AssociationPage, 1);
  page->admins = admins_ref (admins);
  page->index = index;
  admins->pending++;
  _posture_read_list (admins->state, "The System Administrator list", next_link,
                      POSTURE_REQUEST_NONE, NULL, association_done, page, association_page_free);
  return _posture_payload_role_copy (role);
}

static void
roles_done (ReadState    *state,
            JsonNode     *merged,
            guint         status,
            const char   *code,
            const char   *message,
            const GError *error,
            gpointer      user_data)
{
  AdminsRead *admins = user_data;
  JsonObject *roles;
  JsonArray *values;

  if (error != NULL)
    {
      admins_failed (admins, status, code, message, error);
      admins_settle (admins);
      return;
    }

  /* Role copies with more association pages are copied, the others shared. */
  roles = json_node_get_object (merged);
  values = json_object_get_array_member (roles, "value");
  admins->copies = json_array_sized_new (json_array_get_length (values));
  for (guint i = 0; i < json_array_get_length (values) && !_posture_read_stopping (state); i++)
    json_array_add_element (admins->copies,
                            role_copy (admins, json_array_get_element (values, i), i));
  json_object_set_array_member (roles, "value", json_array_ref (admins->copies));
  admins->roles = json_node_ref (merged);
  admins_settle (admins);
}

void
_posture_read_dataverse (ReadState  *state,
                         const char *name,
                         const char *instance_url)
{
  const PostureHttpOptions *options = posture_oauth_get_options (state->oauth);
  g_autoptr(GError) error = NULL;
  g_autofree char *probe = NULL;

  if (instance_url[0] == '\0')
    {
      g_autoptr(JsonNode) entry = posture_snapshot_error_entry_new (
        0, "NoInstanceUrl", "The environment has Dataverse but no instanceUrl");

      posture_snapshot_builder_set_dataverse (state->builder, name, entry);
      posture_snapshot_builder_set_dataverse_admins (state->builder, name, entry);
      return;
    }

  if (++state->dataverse_environments > options->max_items)
    {
      _posture_read_fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                              "The tenant lists more than %u environments with "
                                              "Dataverse, more than Posture reads; the read was "
                                              "stopped", options->max_items));
      return;
    }

  /* A foreign instanceUrl is recorded for that environment; reading goes on. */
  probe = instance_uri (instance_url, "api/data/v9.2/");
  if (!posture_endpoints_check_uri (posture_oauth_get_endpoints (state->oauth), probe, NULL,
                                    &error))
    {
      g_autoptr(JsonNode) entry = posture_snapshot_error_entry_new (0, "RefusedHost",
                                                                    error->message);

      g_debug ("Environment %s: %s", name, error->message);
      posture_snapshot_builder_set_dataverse (state->builder, name, entry);
      posture_snapshot_builder_set_dataverse_admins (state->builder, name, entry);
      return;
    }

  {
    RowRead *row = g_new0 (RowRead, 1);
    g_autofree char *uri = instance_uri (instance_url, "api/data/v9.2/organizations?$select="
                                         POSTURE_DATAVERSE_SELECT);

    row->state = state;
    row->name = g_strdup (name);
    _posture_read_request (state, "GET", uri, POSTURE_REQUEST_NONE, row_cb, row);
  }

  {
    AdminsRead *admins = g_new0 (AdminsRead, 1);

    admins->refs = 1;
    admins->state = state;
    admins->name = g_strdup (name);
    admins->roles_uri = instance_uri (instance_url, DATAVERSE_ROLES_QUERY);
    _posture_read_list (state, "The System Administrator role list", admins->roles_uri,
                        POSTURE_REQUEST_NONE, NULL, roles_done, admins, admins_unref);
  }
}

/* Microsoft Graph */

/* What a Graph source needs when it is refused. */
static const char *
graph_permission (PostureGraphSource source)
{
  switch (source)
    {
    case POSTURE_GRAPH_SOURCE_CONDITIONAL_ACCESS:
    case POSTURE_GRAPH_SOURCE_SECURITY_DEFAULTS:
      return "Policy.Read.All";
    case POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS:
    default:
      return "RoleManagement.Read.Directory";
    }
}

static const char *
graph_what (PostureGraphSource source)
{
  switch (source)
    {
    case POSTURE_GRAPH_SOURCE_CONDITIONAL_ACCESS:
      return "the Conditional Access policies";
    case POSTURE_GRAPH_SOURCE_SECURITY_DEFAULTS:
      return "the security defaults";
    case POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS:
    default:
      return "the Global Administrators";
    }
}

/* A Graph failure is recorded in the source and said in a warning; never fatal. */
static void
record_graph_error (ReadState          *state,
                    PostureGraphSource  source,
                    const char         *group_id,
                    guint               status,
                    const char         *code,
                    const char         *message,
                    const GError       *error)
{
  g_autoptr(JsonNode) entry = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *what = NULL;
  const char *shown = message != NULL ? message : error->message;

  if (_posture_read_error_is_fatal (error))
    {
      _posture_read_fail (state, g_error_copy (error));
      return;
    }

  entry = posture_snapshot_error_entry_new (status, _posture_read_error_code (error, code), shown);
  if (group_id != NULL)
    {
      what = g_strdup_printf ("the members of group %s (a Global Administrator)", group_id);
      g_hash_table_replace (state->group_members, g_strdup (group_id), json_node_ref (entry));
    }
  else
    {
      what = g_strdup (graph_what (source));
      posture_snapshot_builder_set_graph (state->builder, source, entry);
    }

  if (status == 401 || status == 403 ||
      g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_FORBIDDEN))
    warning = g_strdup_printf ("Microsoft Graph refused to show %s (%s%s%s); the app needs the "
                               "permission %s with admin consent", what,
                               code != NULL ? code : "HTTP error",
                               message != NULL ? ": " : "", message != NULL ? message : "",
                               group_id != NULL ? "GroupMember.Read.All"
                                                : graph_permission (source));
  else
    warning = g_strdup_printf ("Could not read %s from Microsoft Graph: %s", what, shown);
  posture_snapshot_builder_add_warning (state->builder, warning);
}

static void
graph_list_done (ReadState    *state,
                 JsonNode     *merged,
                 guint         status,
                 const char   *code,
                 const char   *message,
                 const GError *error,
                 gpointer      user_data)
{
  PostureGraphSource source = GPOINTER_TO_UINT (user_data);

  if (error != NULL)
    record_graph_error (state, source, NULL, status, code, message, error);
  else
    posture_snapshot_builder_set_graph (state->builder, source, merged);
}

static void
security_defaults_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  guint status = 0;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              &status, &code, &message, &error))
    record_graph_error (state, POSTURE_GRAPH_SOURCE_SECURITY_DEFAULTS, NULL, status, code,
                        message, error);
  else if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      error = g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                           "The security defaults answer is not an object");
      record_graph_error (state, POSTURE_GRAPH_SOURCE_SECURITY_DEFAULTS, NULL, status, NULL,
                          NULL, error);
    }
  else
    posture_snapshot_builder_set_graph (state->builder, POSTURE_GRAPH_SOURCE_SECURITY_DEFAULTS,
                                        node);

  _posture_read_request_done (state);
}

static void
members_done (ReadState    *state,
              JsonNode     *merged,
              guint         status,
              const char   *code,
              const char   *message,
              const GError *error,
              gpointer      user_data)
{
  const char *group_id = user_data;

  if (error != NULL)
    record_graph_error (state, POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS, group_id, status, code,
                        message, error);
  else
    g_hash_table_replace (state->group_members, g_strdup (group_id), json_node_ref (merged));
}

static void
assignments_done (ReadState    *state,
                  JsonNode     *merged,
                  guint         status,
                  const char   *code,
                  const char   *message,
                  const GError *error,
                  gpointer      user_data)
{
  const char *graph = posture_endpoints_get_graph (posture_oauth_get_endpoints (state->oauth));
  guint max_items = posture_oauth_get_options (state->oauth)->max_items;
  JsonArray *values;

  if (error != NULL)
    {
      record_graph_error (state, POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS, NULL, status, code, message,
                          error);
      return;
    }

  posture_snapshot_builder_set_graph (state->builder, POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS, merged);

  /* A group that holds the role: its members (transitively) hold it too. */
  values = json_object_get_array_member (json_node_get_object (merged), "value");
  for (guint i = 0; i < json_array_get_length (values) && !_posture_read_stopping (state); i++)
    {
      const char *id = _posture_payload_group_principal (json_array_get_element (values, i));
      g_autofree char *escaped = NULL;
      g_autofree char *uri = NULL;

      if (id == NULL || g_hash_table_contains (state->group_members, id))
        continue;

      if (state->group_ids->len >= max_items)
        {
          _posture_read_fail (state, g_error_new (POSTURE_CLIENT_ERROR,
                                                  POSTURE_CLIENT_ERROR_PROTOCOL,
                                                  "More than %u groups hold the Global "
                                                  "Administrator role, more than Posture reads; "
                                                  "the read was stopped", max_items));
          return;
        }

      g_ptr_array_add (state->group_ids, g_strdup (id));
      /* Claimed now, so that a group assigned twice is read once. */
      g_hash_table_insert (state->group_members, g_strdup (id), json_node_new (JSON_NODE_NULL));
      escaped = g_uri_escape_string (id, NULL, FALSE);
      uri = g_strconcat (graph, "/v1.0/groups/", escaped, "/transitiveMembers", NULL);
      _posture_read_list (state, "A Global Administrator group's member list", uri,
                          POSTURE_REQUEST_NONE, NULL, members_done, g_strdup (id), g_free);
    }
}

void
_posture_read_graph (ReadState *state)
{
  const char *graph = posture_endpoints_get_graph (posture_oauth_get_endpoints (state->oauth));
  g_autofree char *uri = NULL;

  uri = g_strconcat (graph, GRAPH_CONDITIONAL_ACCESS_PATH, NULL);
  _posture_read_list (state, "The Conditional Access policy list", uri, POSTURE_REQUEST_NONE,
                      NULL, graph_list_done,
                      GUINT_TO_POINTER (POSTURE_GRAPH_SOURCE_CONDITIONAL_ACCESS), NULL);
  g_free (uri);

  uri = g_strconcat (graph, GRAPH_SECURITY_DEFAULTS_PATH, NULL);
  _posture_read_request (state, "GET", uri, POSTURE_REQUEST_NONE, security_defaults_cb, state);
  g_free (uri);

  uri = g_strconcat (graph, GRAPH_GLOBAL_ADMINS_PATH, NULL);
  _posture_read_list (state, "The Global Administrator assignment list", uri,
                      POSTURE_REQUEST_NONE, NULL, assignments_done, NULL, NULL);
}

void
_posture_read_sources_finish (ReadState *state)
{
  g_autoptr(GList) columns = g_hash_table_get_keys (state->missing_columns);

  columns = g_list_sort (columns, (GCompareFunc) g_strcmp0);
  for (GList *l = columns; l != NULL; l = l->next)
    {
      GPtrArray *environments = g_hash_table_lookup (state->missing_columns, l->data);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *warning = NULL;

      for (guint i = 0; i < MIN (environments->len, 5); i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                (char *) g_ptr_array_index (environments, i));
      if (environments->len > 5)
        g_string_append_printf (names, " and %u more", environments->len - 5);

      warning = g_strdup_printf ("Dataverse does not know the column %s in %u environment(s) "
                                 "(%s); it was left out of their settings, and the controls that "
                                 "need it are unknown there", (char *) l->data,
                                 environments->len, names->str);
      posture_snapshot_builder_add_warning (state->builder, warning);
    }
}
