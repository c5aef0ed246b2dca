/* posture-snapshot-reader.c: posture_tenant_client_read_snapshot_async(): the read,
 * paged lists, and the Power Platform admin sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-payload-private.h"
#include "posture-snapshot-reader-private.h"
#include "posture-snapshot.h"
#include "posture-tenant-error.h"

#define ENVIRONMENTS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2023-06-01"
#define TENANT_SETTINGS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2023-06-01"
#define DLP_POLICIES_PATH "/providers/PowerPlatform.Governance/v2/policies"

typedef struct
{
  ReadState *state;
  guint      index;
  char      *name;
} Slot;

static void
read_state_free (gpointer user_data)
{
  ReadState *state = user_data;

  if (state->deadline != NULL)
    {
      g_source_destroy (state->deadline);
      g_clear_pointer (&state->deadline, g_source_unref);
    }
  if (state->parent_source != NULL)
    {
      g_source_destroy (state->parent_source);
      g_clear_pointer (&state->parent_source, g_source_unref);
    }
  if (state->throttled_handler != 0)
    g_signal_handler_disconnect (_posture_oauth_get_http (state->oauth), state->throttled_handler);
  g_clear_object (&state->cancellable);
  g_clear_object (&state->progress);
  g_clear_object (&state->oauth);
  g_clear_object (&state->client);
  g_clear_error (&state->error);
  g_clear_pointer (&state->builder, posture_snapshot_builder_free);
  g_free (state->tenant_id);
  g_free (state->display_name);
  g_clear_pointer (&state->policies, g_ptr_array_unref);
  g_clear_pointer (&state->group_ids, g_ptr_array_unref);
  g_clear_pointer (&state->group_members, g_hash_table_unref);
  g_clear_pointer (&state->missing_columns, g_hash_table_unref);
  g_free (state);
}

static void
node_unref0 (gpointer node)
{
  if (node != NULL)
    json_node_unref (node);
}

static Slot *
slot_new (ReadState  *state,
          guint       index,
          const char *name)
{
  Slot *slot = g_new0 (Slot, 1);

  slot->state = state;
  slot->index = index;
  slot->name = g_strdup (name);
  return slot;
}

static void
slot_free (Slot *slot)
{
  g_free (slot->name);
  g_free (slot);
}

void
_posture_read_fail (ReadState *state,
                    GError    *error)
{
  if (state->error == NULL)
    {
      state->error = error;
      /* Stop everything else at once; the callbacks drain before we return. */
      g_cancellable_cancel (state->cancellable);
    }
  else
    g_error_free (error);
}

gboolean
_posture_read_stopping (ReadState *state)
{
  return state->error != NULL || g_cancellable_is_cancelled (state->cancellable);
}

gboolean
_posture_read_error_is_fatal (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT) ||
         g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NOT_SIGNED_IN);
}

const char *
_posture_read_error_code (const GError *error,
                          const char   *service_code)
{
  if (service_code != NULL)
    return service_code;
  if (error == NULL || error->domain != POSTURE_CLIENT_ERROR)
    return "Error";

  switch ((PostureClientError) error->code)
    {
    case POSTURE_CLIENT_ERROR_REFUSED_HOST:    return "RefusedHost";
    case POSTURE_CLIENT_ERROR_NETWORK:         return "NetworkError";
    case POSTURE_CLIENT_ERROR_PROTOCOL:        return "InvalidResponse";
    case POSTURE_CLIENT_ERROR_FORBIDDEN:       return "Forbidden";
    case POSTURE_CLIENT_ERROR_NEEDS_REAUTH:    return "Unauthorized";
    case POSTURE_CLIENT_ERROR_THROTTLED:       return "Throttled";
    case POSTURE_CLIENT_ERROR_SERVER:          return "ServerError";
    case POSTURE_CLIENT_ERROR_NOT_FOUND:       return "NotFound";
    case POSTURE_CLIENT_ERROR_INVALID_REQUEST:
    case POSTURE_CLIENT_ERROR_DECLINED:
    case POSTURE_CLIENT_ERROR_TIMED_OUT:
    case POSTURE_CLIENT_ERROR_NOT_SIGNED_IN:
    default:
      return "Error";
    }
}

/* The end */

static void
add_ordered_sources (ReadState *state)
{
  for (guint i = 0; i < state->policies->len; i++)
    {
      JsonNode *policy = g_ptr_array_index (state->policies, i);

      if (policy != NULL)
        posture_snapshot_builder_add_dlp_policy (state->builder, policy);
    }

  for (guint i = 0; i < state->group_ids->len; i++)
    {
      const char *id = g_ptr_array_index (state->group_ids, i);
      JsonNode *members = g_hash_table_lookup (state->group_members, id);

      if (members != NULL)
        posture_snapshot_builder_set_group_members (state->builder, id, members);
    }

  if (state->throttled_count > 0)
    {
      g_autofree char *warning = g_strdup_printf ("The services asked Posture to slow down %u "
                                                  "times; the read waited %u seconds for them",
                                                  state->throttled_count,
                                                  state->throttled_seconds);

      posture_snapshot_builder_add_warning (state->builder, warning);
    }
}

static PostureSnapshot *
build_snapshot (ReadState  *state,
                GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *origin = NULL;
  const char *display_name = state->display_name;

  if (display_name == NULL)
    display_name = posture_oauth_get_tenant (state->oauth);

  posture_snapshot_builder_set_cloud (state->builder, posture_endpoints_get_cloud_name (
                                        posture_oauth_get_endpoints (state->oauth)));
  posture_snapshot_builder_set_tenant (state->builder, state->tenant_id, display_name);
  add_ordered_sources (state);
  _posture_read_sources_finish (state);
  root = posture_snapshot_builder_end (state->builder);

  /* The same reader, and so the same bounds, as a snapshot file: what a live read
   * produces, `assess --snapshot` accepts. */
  origin = g_strdup_printf ("tenant %s", posture_oauth_get_tenant (state->oauth));
  return posture_snapshot_new_from_json (root, origin, error);
}

void
_posture_read_request_done (ReadState *state)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  GError *error = NULL;

  g_assert (state->outstanding > 0);
  state->outstanding--;

  if (state->progress != NULL)
    {
      posture_tenant_progress_add_done (state->progress, 1);
      if (state->environments_done && state->error == NULL && state->outstanding > 0)
        posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_DATAVERSE);
    }

  if (state->outstanding > 0)
    return;

  task = g_steal_pointer (&state->task);

  if (state->error != NULL || g_cancellable_is_cancelled (state->cancellable))
    {
      if (state->deadline_hit && (state->error == NULL ||
                                  g_error_matches (state->error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
        error = g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT,
                             "Reading the tenant took longer than %u seconds and was stopped; "
                             "try again later", state->deadline_s);
      else if (state->error != NULL)
        error = g_steal_pointer (&state->error);
      else
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
    }
  else if ((snapshot = build_snapshot (state, &error)) != NULL)
    {
      if (state->progress != NULL)
        posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_DONE);
      g_task_return_pointer (task, g_steal_pointer (&snapshot), g_object_unref);
      return;
    }

  if (state->progress != NULL)
    posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_FAILED);
  g_task_return_error (task, error);
}

void
_posture_read_request (ReadState           *state,
                       const char          *method,
                       const char          *uri,
                       PostureRequestFlags  flags,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  state->outstanding++;
  if (state->progress != NULL)
    posture_tenant_progress_add_total (state->progress, 1);
  _posture_tenant_client_request_async (state->client, method, uri, NULL, flags,
                                        state->cancellable, callback, user_data);
}

/* Paged lists. The next page is asked for as soon as a page's text names it, before
 * the page is parsed (the pages of a long list follow one another, and all else waits
 * for them); the pages are handed on in their order whatever order they are parsed in. */

typedef struct
{
  guint                refs;
  ReadState           *state;
  char                *what;
  PostureRequestFlags  flags;
  JsonObject          *first_page;
  JsonArray           *values;    /* every page's, when no on_page takes them */
  GHashTable          *seen;
  guint                requested; /* pages asked for */
  guint                delivered; /* pages handed on, in order */
  GPtrArray           *ready;     /* parsed pages by their number, until handed on */
  int                  last;      /* the number of the page without a next, or -1 */
  gboolean             finished;  /* done was called */
  ReadPageFunc         on_page;
  ReadListDoneFunc     done;
  gpointer             user_data;
  GDestroyNotify       destroy;
} ListRead;

typedef struct
{
  ListRead *list;
  guint     index;
  char     *uri;
  gboolean  next_asked;           /* its next page was asked for from its text */
} PageRequest;

static ListRead *
list_read_ref (ListRead *list)
{
  list->refs++;
  return list;
}

static void
list_read_unref (ListRead *list)
{
  if (--list->refs > 0)
    return;
  if (list->destroy != NULL)
    list->destroy (list->user_data);
  g_free (list->what);
  g_clear_pointer (&list->first_page, json_object_unref);
  g_clear_pointer (&list->values, json_array_unref);
  g_clear_pointer (&list->seen, g_hash_table_unref);
  g_clear_pointer (&list->ready, g_ptr_array_unref);
  g_free (list);
}

static void
page_request_free (PageRequest *page)
{
  list_read_unref (page->list);
  g_free (page->uri);
  g_free (page);
}

static void list_page_cb (GObject *object, GAsyncResult *result, gpointer user_data);
static void list_peek_cb (const char *next_link, gpointer user_data);

static void
list_request_page (ListRead   *list,
                   const char *uri)
{
  ReadState *state = list->state;
  PageRequest *page = g_new0 (PageRequest, 1);

  page->list = list_read_ref (list);
  page->index = list->requested++;
  page->uri = g_strdup (uri);
  g_ptr_array_add (list->ready, NULL);
  state->outstanding++;
  if (state->progress != NULL)
    posture_tenant_progress_add_total (state->progress, 1);
  _posture_tenant_client_request_page_async (state->client, uri, list->flags, list_peek_cb, page,
                                             state->cancellable, list_page_cb, page);
}

/* A nextLink is held to the host rules and must stay with the list's resource; a loop
 * or a list longer than max_pages fails the read. */
static void
list_next_page (PageRequest *page,
                const char  *next_link)
{
  ListRead *list = page->list;
  ReadState *state = list->state;
  const PostureHttpOptions *options = posture_oauth_get_options (state->oauth);
  g_autoptr(GError) error = NULL;

  page->next_asked = TRUE;
  if (!posture_endpoints_check_redirect (posture_oauth_get_endpoints (state->oauth), page->uri,
                                         next_link, &error))
    {
      g_prefix_error (&error, "%s points to its next page elsewhere: ", list->what);
      _posture_read_fail (state, g_steal_pointer (&error));
    }
  else if (g_hash_table_contains (list->seen, next_link))
    _posture_read_fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                            "%s loops: page %u points back to a page already "
                                            "read; the read was stopped", list->what,
                                            page->index + 1));
  else if (list->requested >= options->max_pages)
    _posture_read_fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                            "%s did not end after %u pages, more than Posture "
                                            "reads; the read was stopped", list->what,
                                            options->max_pages));
  else
    {
      g_hash_table_add (list->seen, g_strdup (next_link));
      list_request_page (list, next_link);
    }
}

static void
list_peek_cb (const char *next_link,
              gpointer    user_data)
{
  PageRequest *page = user_data;

  if (!page->list->finished && !_posture_read_stopping (page->list->state))
    list_next_page (page, next_link);
}

static void
list_finish (ListRead     *list,
             JsonNode     *merged,
             guint         status,
             const char   *code,
             const char   *message,
             const GError *error)
{
  if (list->finished)
    return;
  list->finished = TRUE;
  list->done (list->state, merged, status, code, message, error, list->user_data);
}

/* Hands on the pages that are in, in their order. */
static void
list_deliver (ListRead *list,
              guint     status)
{
  while (!list->finished && list->delivered < list->ready->len &&
         g_ptr_array_index (list->ready, list->delivered) != NULL)
    {
      g_autoptr(JsonNode) node = g_steal_pointer (&list->ready->pdata[list->delivered]);
      JsonArray *values = json_object_get_array_member (json_node_get_object (node), "value");

      if (list->first_page == NULL)
        list->first_page = json_object_ref (json_node_get_object (node));
      if (list->on_page != NULL)
        list->on_page (list->state, values, list->user_data);
      else
        for (guint i = 0; i < json_array_get_length (values); i++)
          json_array_add_element (list->values, json_node_ref (json_array_get_element (values, i)));

      if ((int) list->delivered++ == list->last || _posture_read_stopping (list->state))
        {
          g_autoptr(JsonNode) merged = _posture_payload_merge_pages (list->first_page,
                                                                     list->values);

          list_finish (list, merged, status, NULL, NULL, NULL);
        }
    }
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageRequest *page = user_data;
  ListRead *list = page->list;
  ReadState *state = list->state;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  JsonArray *values;
  const char *next_link;
  guint status = 0;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              &status, &code, &message, &error))
    list_finish (list, NULL, status, code, message, error);
  else if (!_posture_payload_page (node, &values, &next_link))
    {
      error = g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                           "The answer for %s has no \"value\" list", list->what);
      list_finish (list, NULL, status, NULL, NULL, error);
    }
  else
    {
      /* The text named no next page but the parsed answer does (written another way) */
      if (!page->next_asked && next_link != NULL && !list->finished &&
          !_posture_read_stopping (state))
        list_next_page (page, next_link);
      if (!page->next_asked)
        list->last = (int) page->index;
      list->ready->pdata[page->index] = g_steal_pointer (&node);
      list_deliver (list, status);
    }

  page_request_free (page);
  _posture_read_request_done (state);
}

void
_posture_read_list (ReadState           *state,
                    const char          *what,
                    const char          *uri,
                    PostureRequestFlags  flags,
                    ReadPageFunc         on_page,
                    ReadListDoneFunc     done,
                    gpointer             user_data,
                    GDestroyNotify       destroy)
{
  ListRead *list = g_new0 (ListRead, 1);

  list->state = state;
  list->what = g_strdup (what);
  list->flags = flags;
  list->values = json_array_new ();
  list->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  list->ready = g_ptr_array_new_with_free_func ((GDestroyNotify) node_unref0);
  list->last = -1;
  list->on_page = on_page;
  list->done = done;
  list->user_data = user_data;
  list->destroy = destroy;
  g_hash_table_add (list->seen, g_strdup (uri));
  list_request_page (list, uri);
}

/* A failure of a source the read cannot do without. */
static void
fail_source (ReadState    *state,
             const GError *error,
             const char   *what)
{
  GError *copy = g_error_copy (error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&copy, "Cannot read %s: ", what);
  _posture_read_fail (state, copy);
}

/* Environments */

static void
environments_page (ReadState *state,
                   JsonArray *values,
                   gpointer   user_data)
{
  for (guint i = 0; i < json_array_get_length (values) && !_posture_read_stopping (state); i++)
    {
      JsonNode *env = json_array_get_element (values, i);
      const char *name;
      const char *instance_url;

      if (!_posture_payload_environment (env, &name, &instance_url))
        continue;
      posture_snapshot_builder_add_environment (state->builder, env);
      if (name != NULL && instance_url != NULL)
        _posture_read_dataverse (state, name, instance_url);
    }
}

static void
environments_done (ReadState    *state,
                   JsonNode     *merged,
                   guint         status,
                   const char   *code,
                   const char   *message,
                   const GError *error,
                   gpointer      user_data)
{
  if (error != NULL)
    fail_source (state, error, "the environments");
  else
    state->environments_done = TRUE;
}

/* DLP policies */

static void
policy_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Slot *slot = user_data;
  ReadState *state = slot->state;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_autofree char *what = g_strdup_printf ("DLP policy %s", slot->name);

      fail_source (state, error, what);
    }
  else if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    _posture_read_fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                            "DLP policy %s is not an object", slot->name));
  else
    {
      JsonNode **pdata = (JsonNode **) state->policies->pdata;

      g_clear_pointer (&pdata[slot->index], json_node_unref);
      pdata[slot->index] = g_steal_pointer (&node);
    }

  slot_free (slot);
  _posture_read_request_done (state);
}

static void
policies_page (ReadState *state,
               JsonArray *values,
               gpointer   user_data)
{
  guint max_items = posture_oauth_get_options (state->oauth)->max_items;

  if (state->policies->len + json_array_get_length (values) > max_items)
    {
      _posture_read_fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                              "The tenant lists %u DLP policies, more than the "
                                              "%u Posture reads; the read was stopped",
                                              state->policies->len + json_array_get_length (values),
                                              max_items));
      return;
    }

  for (guint i = 0; i < json_array_get_length (values) && !_posture_read_stopping (state); i++)
    {
      const char *name = _posture_payload_dlp_policy_name (json_array_get_element (values, i));
      g_autofree char *escaped = NULL;
      g_autofree char *path = NULL;
      g_autofree char *uri = NULL;

      if (name == NULL)
        continue;

      escaped = g_uri_escape_string (name, NULL, FALSE);
      path = g_strconcat (DLP_POLICIES_PATH "/", escaped, NULL);
      uri = _posture_tenant_client_bap_uri (state->client, path);
      g_ptr_array_add (state->policies, NULL);
      _posture_read_request (state, "GET", uri, POSTURE_REQUEST_NONE, policy_cb,
                             slot_new (state, state->policies->len - 1, name));
    }
}

static void
policies_done (ReadState    *state,
               JsonNode     *merged,
               guint         status,
               const char   *code,
               const char   *message,
               const GError *error,
               gpointer      user_data)
{
  if (error != NULL)
    fail_source (state, error, "the DLP policies");
}

/* Tenant settings, isolation, organization */

static void
tenant_settings_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    fail_source (state, error, "the tenant settings");
  else if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    _posture_read_fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                            "The tenant settings answer is not an object"));
  else
    posture_snapshot_builder_set_tenant_settings (state->builder, node);

  _posture_read_request_done (state);
}

static void
tenant_isolation_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              &status, NULL, NULL, &error))
    fail_source (state, error, "the tenant isolation policy");
  else if (status != 404 && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    posture_snapshot_builder_set_tenant_isolation (state->builder, node);
  /* 404 (never configured) or an empty/null body: null in the snapshot. */

  _posture_read_request_done (state);
}

static void
organization_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      if (_posture_read_error_is_fatal (error))
        _posture_read_fail (state, g_steal_pointer (&error));
      else
        {
          g_autofree char *warning = g_strdup_printf ("Could not read the tenant's name from "
                                                      "Microsoft Graph: %s", error->message);

          posture_snapshot_builder_add_warning (state->builder, warning);
        }
    }
  else if ((state->display_name = _posture_payload_organization_name (node)) == NULL)
    posture_snapshot_builder_add_warning (state->builder,
                                          "Microsoft Graph returned no organization name");

  _posture_read_request_done (state);
}

/* Start */

static void
first_token_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReadState *state = user_data;
  PostureOAuth *oauth = POSTURE_OAUTH (object);
  PostureEndpoints *endpoints = posture_oauth_get_endpoints (oauth);
  g_autoptr(PostureSecret) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = NULL;

  token = posture_oauth_get_token_finish (oauth, result, &error);
  if (token == NULL)
    {
      _posture_read_fail (state, g_steal_pointer (&error));
      _posture_read_request_done (state);
      return;
    }

  /* The tenant GUID: what the user typed, or the token's tid when that was a domain. */
  if (posture_oauth_get_tenant_id (oauth) == NULL)
    {
      _posture_read_fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                              "Cannot learn the tenant id of %s: the access "
                                              "token has no tid claim; use the tenant id instead "
                                              "of the domain", posture_oauth_get_tenant (oauth)));
      _posture_read_request_done (state);
      return;
    }
  state->tenant_id = g_strdup (posture_oauth_get_tenant_id (oauth));

  if (_posture_read_stopping (state))
    {
      _posture_read_request_done (state);
      return;
    }

  if (state->progress != NULL)
    posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_TENANT);

  /* The environment pages first: every Dataverse read waits for them. */
  uri = _posture_tenant_client_bap_uri (state->client, ENVIRONMENTS_PATH);
  _posture_read_list (state, "The environment list", uri, POSTURE_REQUEST_URGENT,
                      environments_page, environments_done, NULL, NULL);
  g_free (uri);

  uri = _posture_tenant_client_bap_uri (state->client, TENANT_SETTINGS_PATH);
  _posture_read_request (state, "POST", uri, POSTURE_REQUEST_READ, tenant_settings_cb, state);
  g_free (uri);

  path = g_strdup_printf ("/providers/PowerPlatform.Governance/v1/tenants/%s/"
                          "tenantIsolationPolicy?api-version=2020-06-01", state->tenant_id);
  uri = _posture_tenant_client_bap_uri (state->client, path);
  _posture_read_request (state, "GET", uri, POSTURE_REQUEST_ALLOW_404, tenant_isolation_cb, state);
  g_free (uri);

  uri = _posture_tenant_client_bap_uri (state->client, DLP_POLICIES_PATH);
  _posture_read_list (state, "The DLP policy list", uri, POSTURE_REQUEST_NONE, policies_page,
                      policies_done, NULL, NULL);
  g_free (uri);

  uri = g_strconcat (posture_endpoints_get_graph (endpoints), "/v1.0/organization", NULL);
  _posture_read_request (state, "GET", uri, POSTURE_REQUEST_NONE, organization_cb, state);

  _posture_read_graph (state);

  if (state->progress != NULL)
    posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_ENVIRONMENTS);

  _posture_read_request_done (state);
}

static gboolean
parent_cancelled_cb (GCancellable *parent,
                     gpointer      user_data)
{
  ReadState *state = user_data;

  g_cancellable_cancel (state->cancellable);
  return G_SOURCE_REMOVE;
}

static void
throttled_cb (ReadState *state,
              guint      seconds)
{
  state->throttled_count++;
  state->throttled_seconds += seconds;
  if (state->progress != NULL)
    posture_tenant_progress_set_throttled (state->progress, seconds);
}

static gboolean
deadline_cb (gpointer user_data)
{
  ReadState *state = user_data;

  state->deadline_hit = TRUE;
  g_debug ("The snapshot read passed its deadline; stopping");
  g_cancellable_cancel (state->cancellable);
  return G_SOURCE_REMOVE;
}

void
posture_tenant_client_read_snapshot_async (PostureTenantClient   *self,
                                           PostureTenantProgress *progress,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadState *state;
  PostureOAuth *oauth;
  const PostureHttpOptions *options;
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = 0;

  g_return_if_fail (POSTURE_IS_TENANT_CLIENT (self));
  g_return_if_fail (progress == NULL || POSTURE_IS_TENANT_PROGRESS (progress));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  oauth = posture_tenant_client_get_oauth (self);
  options = posture_oauth_get_options (oauth);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_tenant_client_read_snapshot_async);

  state = g_new0 (ReadState, 1);
  state->client = g_object_ref (self);
  state->oauth = g_object_ref (oauth);
  state->progress = progress != NULL ? g_object_ref (progress) : NULL;
  state->cancellable = g_cancellable_new ();
  state->builder = posture_snapshot_builder_new ();
  state->policies = g_ptr_array_new_with_free_func (node_unref0);
  state->group_ids = g_ptr_array_new_with_free_func (g_free);
  state->group_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) json_node_unref);
  state->missing_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);
  g_task_set_task_data (task, state, read_state_free);

  /* The caller's cancellable and the deadline both stop the read, on the context the
   * read runs on (posture-cli iterates a private one). */
  if (cancellable != NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        g_cancellable_cancel (state->cancellable);
      state->parent_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (state->parent_source, G_SOURCE_FUNC (parent_cancelled_cb), state,
                             NULL);
      g_source_attach (state->parent_source, g_main_context_get_thread_default ());
    }

  /* The read's own bound, or the caller's time limit when it comes first. */
  if (options->read_deadline_s > 0)
    {
      deadline = now + (gint64) options->read_deadline_s * G_USEC_PER_SEC;
      state->deadline_s = options->read_deadline_s;
    }
  if (posture_oauth_get_deadline (oauth) > 0 &&
      (deadline == 0 || posture_oauth_get_deadline (oauth) < deadline))
    {
      deadline = posture_oauth_get_deadline (oauth);
      state->deadline_s = posture_oauth_get_timeout (oauth);
    }
  if (deadline > 0)
    {
      state->deadline = g_timeout_source_new ((guint) MIN ((MAX (0, deadline - now) + 999) / 1000,
                                                           G_MAXUINT));
      g_source_set_callback (state->deadline, deadline_cb, state, NULL);
      g_source_attach (state->deadline, g_main_context_get_thread_default ());
    }

  state->throttled_handler = g_signal_connect_swapped (_posture_oauth_get_http (oauth), "throttled",
                                                       G_CALLBACK (throttled_cb), state);

  if (progress != NULL)
    {
      posture_tenant_progress_reset (progress);
      posture_tenant_progress_set_phase (progress, POSTURE_READ_PHASE_SIGNING_IN);
    }

  /* The task keeps itself alive through state->task until the last answer. */
  state->task = g_steal_pointer (&task);
  state->outstanding = 1;
  if (progress != NULL)
    posture_tenant_progress_add_total (progress, 1);
  posture_oauth_get_token_async (oauth, posture_endpoints_get_bap_scope (
                                   posture_oauth_get_endpoints (oauth)),
                                 FALSE, state->cancellable, first_token_cb, state);
}

PostureSnapshot *
posture_tenant_client_read_snapshot_finish (PostureTenantClient  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_tenant_client_read_snapshot_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
