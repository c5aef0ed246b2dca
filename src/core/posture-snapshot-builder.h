/* posture-snapshot-builder.h: the one writer of the snapshot document (DESIGN.md
 * "Snapshot format (version 2)")
 *
 * The tenant reader hands over the raw API payloads as they arrive, in any order; the
 * builder lays them out in the format's structure and stable order (environments as
 * added, DLP policies as added, the Dataverse entries and the group members in the
 * order of their environments and assignments), and posture_snapshot_new_from_json()
 * reads the result with the same bounds as a snapshot file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  POSTURE_GRAPH_SOURCE_CONDITIONAL_ACCESS, /*< nick=conditional_access >*/
  POSTURE_GRAPH_SOURCE_SECURITY_DEFAULTS,  /*< nick=security_defaults >*/
  POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS,      /*< nick=global_admins >*/
} PostureGraphSource;

typedef struct _PostureSnapshotBuilder PostureSnapshotBuilder;

PostureSnapshotBuilder *posture_snapshot_builder_new  (void);
void                    posture_snapshot_builder_free (PostureSnapshotBuilder *self);

/* The document's header. The capture time is when the builder was made. */
void      posture_snapshot_builder_set_cloud          (PostureSnapshotBuilder *self,
                                                       const char             *cloud);
void      posture_snapshot_builder_set_tenant         (PostureSnapshotBuilder *self,
                                                       const char             *id,
                                                       const char             *display_name);
/* What the reader noticed (a dropped column, a Graph 403, throttling); untranslated,
 * kept in order, each text once. */
void      posture_snapshot_builder_add_warning        (PostureSnapshotBuilder *self,
                                                       const char             *warning);

/* Sources. Every JsonNode is referenced, never copied or changed (it may be sealed). */
void      posture_snapshot_builder_set_tenant_settings  (PostureSnapshotBuilder *self,
                                                         JsonNode               *settings);
/* NULL (or a null node): the tenant never configured isolation (the API's 404). */
void      posture_snapshot_builder_set_tenant_isolation (PostureSnapshotBuilder *self,
                                                         JsonNode               *policy);
void      posture_snapshot_builder_add_environment      (PostureSnapshotBuilder *self,
                                                         JsonNode               *environment);
void      posture_snapshot_builder_add_dlp_policy       (PostureSnapshotBuilder *self,
                                                         JsonNode               *policy);
/* One environment's organizations row, or an error entry (posture_snapshot_error_entry_new()). */
void      posture_snapshot_builder_set_dataverse        (PostureSnapshotBuilder *self,
                                                         const char             *environment,
                                                         JsonNode               *row);
/* One environment's System Administrator role copies (the roles answer), or an error entry. */
void      posture_snapshot_builder_set_dataverse_admins (PostureSnapshotBuilder *self,
                                                         const char             *environment,
                                                         JsonNode               *roles);
/* A Graph source: its answer (pages merged), or an error entry. For global_admins the
 * answer is the roleAssignments response; the members of each group principal are set
 * with posture_snapshot_builder_set_group_members(). */
void      posture_snapshot_builder_set_graph            (PostureSnapshotBuilder *self,
                                                         PostureGraphSource      source,
                                                         JsonNode               *node);
/* The transitiveMembers answer (pages merged) of @group_id, or an error entry. */
void      posture_snapshot_builder_set_group_members    (PostureSnapshotBuilder *self,
                                                         const char             *group_id,
                                                         JsonNode               *members);

/* The document; call it once, then free the builder. Returns: (transfer full). */
JsonNode *posture_snapshot_builder_end                  (PostureSnapshotBuilder *self);

/* {"error":{"status":@status,"code":@code,"message":@message}}: what a source holds when
 * it could not be read (@status 0 when no answer came back). Returns: (transfer full). */
JsonNode *posture_snapshot_error_entry_new              (guint                   status,
                                                         const char             *code,
                                                         const char             *message);

/* "conditional_access", "security_defaults", "global_admins". */
const char *posture_graph_source_to_string              (PostureGraphSource      source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureSnapshotBuilder, posture_snapshot_builder_free)

G_END_DECLS
