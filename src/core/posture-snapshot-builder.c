/* posture-snapshot-builder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot"

#include "config.h"

#include "posture-snapshot-builder.h"
#include "posture-enums.h"
#include "posture-snapshot.h"
#include "posture-types.h"

#define N_GRAPH_SOURCES (POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS + 1)

/* Entries keyed by name, in the order they should be written. */
typedef struct
{
  GPtrArray  *names;     /* owned strings, first-set order */
  GHashTable *nodes;     /* name -> JsonNode (owned) */
} Keyed;

struct _PostureSnapshotBuilder
{
  GDateTime  *captured_at;
  char       *cloud;
  char       *tenant_id;
  char       *tenant_name;
  GPtrArray  *warnings;          /* of char*, in order */
  GHashTable *warning_set;       /* the same strings, borrowed */
  JsonNode   *tenant_settings;
  JsonNode   *tenant_isolation;
  GPtrArray  *environments;      /* of JsonNode */
  GPtrArray  *dlp_policies;      /* of JsonNode */
  Keyed       dataverse;
  Keyed       dataverse_admins;
  JsonNode   *graph[N_GRAPH_SOURCES];
  Keyed       group_members;
};

static void
keyed_init (Keyed *keyed)
{
  keyed->names = g_ptr_array_new_with_free_func (g_free);
  keyed->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_node_unref);
}

static void
keyed_clear (Keyed *keyed)
{
  g_clear_pointer (&keyed->names, g_ptr_array_unref);
  g_clear_pointer (&keyed->nodes, g_hash_table_unref);
}

static void
keyed_set (Keyed      *keyed,
           const char *name,
           JsonNode   *node)
{
  g_return_if_fail (name != NULL && node != NULL);

  if (!g_hash_table_contains (keyed->nodes, name))
    g_ptr_array_add (keyed->names, g_strdup (name));
  g_hash_table_replace (keyed->nodes, g_strdup (name), json_node_ref (node));
}

static JsonNode *
keyed_take_node (Keyed      *keyed,
                 const char *name)
{
  g_autofree char *key = NULL;
  JsonNode *node = NULL;

  g_hash_table_steal_extended (keyed->nodes, name, (gpointer *) &key, (gpointer *) &node);
  return node;
}

PostureSnapshotBuilder *
posture_snapshot_builder_new (void)
{
  PostureSnapshotBuilder *self = g_new0 (PostureSnapshotBuilder, 1);

  self->captured_at = g_date_time_new_now_utc ();
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->warning_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->environments = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->dlp_policies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  keyed_init (&self->dataverse);
  keyed_init (&self->dataverse_admins);
  keyed_init (&self->group_members);
  return self;
}

void
posture_snapshot_builder_free (PostureSnapshotBuilder *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->captured_at, g_date_time_unref);
  g_free (self->cloud);
  g_free (self->tenant_id);
  g_free (self->tenant_name);
  g_clear_pointer (&self->warning_set, g_hash_table_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->tenant_settings, json_node_unref);
  g_clear_pointer (&self->tenant_isolation, json_node_unref);
  g_clear_pointer (&self->environments, g_ptr_array_unref);
  g_clear_pointer (&self->dlp_policies, g_ptr_array_unref);
  keyed_clear (&self->dataverse);
  keyed_clear (&self->dataverse_admins);
  keyed_clear (&self->group_members);
  for (guint i = 0; i < N_GRAPH_SOURCES; i++)
    g_clear_pointer (&self->graph[i], json_node_unref);
  g_free (self);
}

void
posture_snapshot_builder_set_cloud (PostureSnapshotBuilder *self,
                                    const char             *cloud)
{
  g_return_if_fail (self != NULL);

  g_free (self->cloud);
  self->cloud = g_strdup (cloud);
}

void
posture_snapshot_builder_set_tenant (PostureSnapshotBuilder *self,
                                     const char             *id,
                                     const char             *display_name)
{
  g_return_if_fail (self != NULL);

  g_free (self->tenant_id);
  self->tenant_id = g_strdup (id);
  g_free (self->tenant_name);
  self->tenant_name = g_strdup (display_name);
}

void
posture_snapshot_builder_add_warning (PostureSnapshotBuilder *self,
                                      const char             *warning)
{
  char *copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (warning != NULL);

  if (g_hash_table_contains (self->warning_set, warning))
    return;
  copy = g_strdup (warning);
  g_ptr_array_add (self->warnings, copy);
  g_hash_table_add (self->warning_set, copy);
}

static void
replace_node (JsonNode **field,
              JsonNode  *node)
{
  g_clear_pointer (field, json_node_unref);
  *field = node != NULL ? json_node_ref (node) : NULL;
}

void
posture_snapshot_builder_set_tenant_settings (PostureSnapshotBuilder *self,
                                              JsonNode               *settings)
{
  g_return_if_fail (self != NULL);
  replace_node (&self->tenant_settings, settings);
}

void
posture_snapshot_builder_set_tenant_isolation (PostureSnapshotBuilder *self,
                                               JsonNode               *policy)
{
  g_return_if_fail (self != NULL);
  replace_node (&self->tenant_isolation,
                policy != NULL && !JSON_NODE_HOLDS_NULL (policy) ? policy : NULL);
}

void
posture_snapshot_builder_add_environment (PostureSnapshotBuilder *self,
                                          JsonNode               *environment)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (environment != NULL);

  g_ptr_array_add (self->environments, json_node_ref (environment));
}

void
posture_snapshot_builder_add_dlp_policy (PostureSnapshotBuilder *self,
                                         JsonNode               *policy)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (policy != NULL);

  g_ptr_array_add (self->dlp_policies, json_node_ref (policy));
}

void
posture_snapshot_builder_set_dataverse (PostureSnapshotBuilder *self,
                                        const char             *environment,
                                        JsonNode               *row)
{
  g_return_if_fail (self != NULL);
  keyed_set (&self->dataverse, environment, row);
}

void
posture_snapshot_builder_set_dataverse_admins (PostureSnapshotBuilder *self,
                                               const char             *environment,
                                               JsonNode               *roles)
{
  g_return_if_fail (self != NULL);
  keyed_set (&self->dataverse_admins, environment, roles);
}

void
posture_snapshot_builder_set_graph (PostureSnapshotBuilder *self,
                                    PostureGraphSource      source,
                                    JsonNode               *node)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (source < N_GRAPH_SOURCES);

  replace_node (&self->graph[source], node);
}

void
posture_snapshot_builder_set_group_members (PostureSnapshotBuilder *self,
                                            const char             *group_id,
                                            JsonNode               *members)
{
  g_return_if_fail (self != NULL);
  keyed_set (&self->group_members, group_id, members);
}

const char *
posture_graph_source_to_string (PostureGraphSource source)
{
  return posture_enum_to_string (POSTURE_TYPE_GRAPH_SOURCE, source);
}

JsonNode *
posture_snapshot_error_entry_new (guint       status,
                                  const char *code,
                                  const char *message)
{
  JsonObject *detail = json_object_new ();
  JsonObject *entry = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (detail, "status", status);
  json_object_set_string_member (detail, "code", code != NULL ? code : "Error");
  json_object_set_string_member (detail, "message", message != NULL ? message : "");
  json_object_set_object_member (entry, "error", detail);
  json_node_take_object (node, entry);
  return node;
}

static JsonNode *
array_node (GPtrArray *nodes)
{
  JsonArray *array = json_array_sized_new (nodes->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (array, json_node_ref (g_ptr_array_index (nodes, i)));
  json_node_take_array (node, array);
  return node;
}

static const char *
environment_name (JsonNode *environment)
{
  JsonNode *name;

  if (!JSON_NODE_HOLDS_OBJECT (environment))
    return NULL;
  name = json_object_get_member (json_node_get_object (environment), "name");
  if (name == NULL || !JSON_NODE_HOLDS_VALUE (name) ||
      json_node_get_value_type (name) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (name);
}

/* {name: node} in the environments' order, then any other name as it was set. */
static JsonNode *
keyed_node (Keyed     *keyed,
            GPtrArray *environments)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (environments != NULL)
    {
      for (guint i = 0; i < environments->len; i++)
        {
          const char *name = environment_name (g_ptr_array_index (environments, i));
          JsonNode *entry;

          if (name != NULL && (entry = keyed_take_node (keyed, name)) != NULL)
            json_object_set_member (object, name, entry);
        }
    }
  for (guint i = 0; i < keyed->names->len; i++)
    {
      const char *name = g_ptr_array_index (keyed->names, i);
      JsonNode *entry = keyed_take_node (keyed, name);

      if (entry != NULL)
        json_object_set_member (object, name, entry);
    }
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
global_admins_node (PostureSnapshotBuilder *self)
{
  JsonNode *assignments = self->graph[POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS];
  JsonObject *object;
  JsonNode *node;

  /* An error entry stands for the whole source. */
  if (JSON_NODE_HOLDS_OBJECT (assignments) &&
      json_object_has_member (json_node_get_object (assignments), "error"))
    return json_node_ref (assignments);

  object = json_object_new ();
  node = json_node_new (JSON_NODE_OBJECT);
  json_object_set_member (object, "assignments", json_node_ref (assignments));
  json_object_set_member (object, "group_members", keyed_node (&self->group_members, NULL));
  json_node_take_object (node, object);
  return node;
}

JsonNode *
posture_snapshot_builder_end (PostureSnapshotBuilder *self)
{
  g_autofree char *captured_at = NULL;
  JsonObject *root;
  JsonObject *tenant;
  JsonObject *sources;
  JsonObject *graph;
  JsonArray *warnings;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  root = json_object_new ();
  json_object_set_int_member (root, "posture_snapshot", POSTURE_SNAPSHOT_FORMAT_VERSION);
  captured_at = g_date_time_format (self->captured_at, "%Y-%m-%dT%H:%M:%SZ");
  json_object_set_string_member (root, "captured_at", captured_at);
  json_object_set_string_member (root, "cloud", self->cloud != NULL ? self->cloud : "public");

  tenant = json_object_new ();
  json_object_set_string_member (tenant, "id", self->tenant_id);
  json_object_set_string_member (tenant, "display_name", self->tenant_name);
  json_object_set_object_member (root, "tenant", tenant);

  warnings = json_array_sized_new (self->warnings->len);
  for (guint i = 0; i < self->warnings->len; i++)
    json_array_add_string_element (warnings, g_ptr_array_index (self->warnings, i));
  json_object_set_array_member (root, "warnings", warnings);

  sources = json_object_new ();
  if (self->tenant_settings != NULL)
    json_object_set_member (sources, "tenant_settings", json_node_ref (self->tenant_settings));
  if (self->tenant_isolation != NULL)
    json_object_set_member (sources, "tenant_isolation", json_node_ref (self->tenant_isolation));
  else
    json_object_set_null_member (sources, "tenant_isolation");
  json_object_set_member (sources, "environments", array_node (self->environments));
  json_object_set_member (sources, "dlp_policies", array_node (self->dlp_policies));
  json_object_set_member (sources, "dataverse", keyed_node (&self->dataverse, self->environments));
  json_object_set_member (sources, "dataverse_admins",
                          keyed_node (&self->dataverse_admins, self->environments));

  graph = json_object_new ();
  for (guint i = 0; i < N_GRAPH_SOURCES; i++)
    {
      if (self->graph[i] == NULL)
        continue;
      json_object_set_member (graph, posture_graph_source_to_string (i),
                              i == POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS
                              ? global_admins_node (self) : json_node_ref (self->graph[i]));
    }
  json_object_set_object_member (sources, "graph", graph);
  json_object_set_object_member (root, "sources", sources);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}
