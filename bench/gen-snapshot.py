#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a synthetic Posture snapshot (format 2) of N environments.

The payloads have the shapes of the real admin APIs (reference/tenant-api.md): full BAP
environment objects, DLP v2 policies with connector groups, one Dataverse organizations
row per environment with Dataverse (some of them 403 errors) and its System
Administrator role copies, tenant settings, a tenant isolation policy, and the Microsoft
Graph sources (Conditional Access policies, security defaults, Global Administrators).
The output is deterministic for a given N and seed; --format 1 writes the first format
(no Graph, no System Administrators, the first $select) for comparisons.

usage: gen-snapshot.py N [--seed S] [--format 1|2] [-o FILE]
"""

import argparse
import json
import random
import sys
import uuid

SKUS = ["Production", "Sandbox", "Trial", "Developer"]
CONNECTORS = [
    ("shared_sharepointonline", "SharePoint"), ("shared_office365", "Office 365 Outlook"),
    ("shared_teams", "Microsoft Teams"), ("shared_commondataserviceforapps", "Microsoft Dataverse"),
    ("shared_excelonlinebusiness", "Excel Online (Business)"), ("shared_onedriveforbusiness", "OneDrive for Business"),
    ("shared_approvals", "Approvals"), ("shared_planner", "Planner"), ("shared_twitter", "Twitter"),
    ("shared_dropbox", "Dropbox"), ("shared_gmail", "Gmail"), ("shared_sql", "SQL Server"),
    ("shared_azureblob", "Azure Blob Storage"), ("shared_http", "HTTP"), ("shared_rss", "RSS"),
]


def guid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def environment(rng, tenant_id, index, default=False):
    name = f"Default-{tenant_id}" if default else guid(rng)
    sku = "Default" if default else rng.choice(SKUS)
    dataverse = default or rng.random() < 0.8
    managed = rng.random() < 0.5
    domain = f"org{index:05d}"
    props = {
        "tenantId": tenant_id, "azureRegion": "westeurope",
        "displayName": "Contoso (default)" if default else f"Environment {index:05d}",
        "description": "", "createdTime": "2024-02-15T08:02:36.17Z",
        "createdBy": {"id": guid(rng), "displayName": "admin", "type": "User"},
        "lastModifiedTime": "2025-02-15T08:02:36.17Z", "provisioningState": "Succeeded",
        "creationType": "DefaultTenant" if default else "User",
        "environmentSku": sku, "isDefault": default,
        "clientUris": {"admin": f"https://admin.powerplatform.microsoft.com/environments/environment/{name}/hub",
                       "maker": f"https://make.powerapps.com/environments/{name}/home"},
        "runtimeEndpoints": {"microsoft.BusinessAppPlatform": "https://europe.api.bap.microsoft.com",
                             "microsoft.CommonDataModel": "https://europe.api.cds.microsoft.com",
                             "microsoft.PowerApps": "https://europe.api.powerapps.com",
                             "microsoft.Flow": "https://emea.api.flow.microsoft.com"},
        "databaseType": "CommonDataService" if dataverse else "None",
        "linkedEnvironmentMetadata": None,
        "trialScenarioType": "None", "retentionPeriod": "P7D",
        "states": {"management": {"id": "Ready"}, "runtime": {"id": "Enabled"}},
        "updateCadence": {"id": "Frequent"},
        "protectionStatus": {"keyManagedBy": "Microsoft"},
        "enterprisePolicies": {},
        "cluster": {"category": "Prod", "number": "106", "geoShortName": "EU", "environment": "Prod"},
        "connectedGroups": [], "bingChatEnabled": True,
        "governanceConfiguration": {"protectionLevel": "Standard" if managed else "Basic"},
    }
    if dataverse:
        props["linkedEnvironmentMetadata"] = {
            "resourceId": guid(rng), "friendlyName": props["displayName"], "uniqueName": f"unq{domain}",
            "domainName": domain, "version": "9.2.23092.00206",
            "instanceUrl": f"https://{domain}.crm4.dynamics.com/",
            "instanceApiUrl": f"https://{domain}.api.crm4.dynamics.com",
            "baseLanguage": 1033, "instanceState": "Ready", "createdTime": "2024-02-15T08:02:36.17Z",
            "securityGroupId": guid(rng) if rng.random() < 0.5 else "",
            "scaleGroup": "EURCRMLIVESG633", "platformSku": "Standard", "schemaType": "Standard",
        }
    if managed:
        props["governanceConfiguration"]["settings"] = {"extendedSettings": {
            "excludeEnvironmentFromAnalysis": "false", "isGroupSharingDisabled": "false",
            "maxLimitUserSharing": rng.choice(["-1", "10", "50"]),
            "limitSharingMode": rng.choice(["noLimit", "excludeSharingToSecurityGroups"]),
            "solutionCheckerMode": "none", "suppressValidationEmails": "true",
        }}
    if sku == "Production" and rng.random() < 0.3:
        props["enterprisePolicies"]["customerManagedKeys"] = {
            "policyId": guid(rng), "location": "europe", "linkStatus": "Linked",
            "id": f"/subscriptions/{guid(rng)}/providers/Microsoft.PowerPlatform/enterprisePolicies/cmk1"}
    if sku == "Production" and rng.random() < 0.3:
        props["enterprisePolicies"]["vNets"] = {
            "policyId": guid(rng), "location": "europe", "linkStatus": "Linked",
            "id": f"/subscriptions/{guid(rng)}/providers/Microsoft.PowerPlatform/enterprisePolicies/vnet1"}
    return {"id": f"/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{name}",
            "type": "Microsoft.BusinessAppPlatform/scopes/environments", "location": "europe",
            "name": name, "properties": props}


def organization(rng, version):
    row = {
        "organizationid": guid(rng),
        "enableipbasedfirewallrule": rng.random() < 0.3,
        "enableipbasedfirewallruleinauditmode": rng.random() < 0.3,
        "allowediprangeforfirewall": "10.10.0.0/16,192.168.0.0/24",
        "enableipbasedcookiebinding": rng.random() < 0.4,
        "isauditenabled": rng.random() < 0.6,
        "isuseraccessauditenabled": False, "isreadauditenabled": False,
        "auditretentionperiodv2": -1,
        "iscontentsecuritypolicyenabled": rng.random() < 0.5,
        "iscontentsecuritypolicyenabledforcanvas": rng.random() < 0.5,
        "contentsecuritypolicyconfiguration": "{\"Frame-ancestor\":{\"sources\":[{\"source\":\"'self'\"}]}}",
        "sessiontimeoutenabled": False, "sessiontimeoutinmins": 1440,
        "inactivitytimeoutenabled": False, "inactivitytimeoutinmins": 20,
        "blockedattachments": "ade;adp;app;asa;ashx;asmx;asp;bas;bat;cdx;cer;chm;class;cmd;com",
    }
    if version >= 2:
        row.update({
            "allowedlistofiprangesforfirewall": None,
            "restrictGuestUserAccess": rng.random() < 0.5,
            "applicationbasedaccesscontrolmode": rng.choice([0, 1, 2, 3]),
            "allowedapplicationsfordvaccess": guid(rng) if rng.random() < 0.5 else None,
            "blockedapplicationsfordvaccess": None,
        })
    return row


def system_administrators(rng):
    """The roles answer: the System Administrator role's copy in 1 or 2 business units."""
    def user():
        app = rng.random() < 0.1
        return {"systemuserid": guid(rng), "isdisabled": rng.random() < 0.1,
                "accessmode": rng.choice([0, 0, 0, 1, 4]),
                "applicationid": guid(rng) if app else None,
                "azureactivedirectoryobjectid": guid(rng)}
    return {"@odata.context": "https://x.crm4.dynamics.com/api/data/v9.2/$metadata#roles",
            "value": [{"roleid": guid(rng),
                       "systemuserroles_association": [user() for _ in range(rng.randint(2, 14))]}
                      for _ in range(rng.randint(1, 2))]}


def graph(rng):
    def principal(kind, name):
        return {"@odata.type": f"#microsoft.graph.{kind}", "id": guid(rng), "displayName": name}
    group = principal("group", "Tenant admins")
    return {
        "conditional_access": {"value": [
            {"id": guid(rng), "displayName": f"Policy {i}", "state": rng.choice(["enabled", "disabled"]),
             "conditions": {"applications": {"includeApplications": [rng.choice(["All", "Office365"])],
                                             "excludeApplications": []},
                            "users": {"includeUsers": ["All"], "excludeUsers": [guid(rng)]},
                            "clientAppTypes": ["all"]},
             "grantControls": {"operator": "OR", "builtInControls": ["mfa"], "authenticationStrength": None}}
            for i in range(20)]},
        "security_defaults": {"id": "00000000-0000-0000-0000-000000000000", "isEnabled": False},
        "global_admins": {
            "assignments": {"value": [{"id": guid(rng), "principal": p} for p in
                                      [principal("user", "Alex"), principal("user", "Break glass"), group]]},
            "group_members": {group["id"]: {"value": [principal("user", f"Member {i}") for i in range(3)]}},
        },
    }

def policy(rng, env_type, envs):
    groups = []
    connectors = CONNECTORS[:]
    rng.shuffle(connectors)
    for classification, part in (("Confidential", connectors[:6]), ("General", connectors[6:12]),
                                 ("Blocked", connectors[12:])):
        groups.append({"classification": classification, "connectors": [
            {"id": f"/providers/Microsoft.PowerApps/apis/{cid}", "name": cname, "type": "Microsoft.PowerApps/apis"}
            for cid, cname in part]})
    name = guid(rng)
    return {"policyDefinition": {
        "name": name, "displayName": f"Policy {name[:8]}", "defaultConnectorsClassification": "General",
        "environmentType": env_type,
        "environments": [{"id": f"/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{e}",
                          "name": e, "type": "Microsoft.BusinessAppPlatform/scopes/environments"} for e in envs],
        "connectorGroups": groups, "createdBy": {"displayName": "admin"},
        "createdTime": "2023-10-02T07:38:56.68Z", "etag": guid(rng), "isLegacySchemaVersion": False}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", type=int, choices=(1, 2), default=2)
    parser.add_argument("-o", "--output")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    tenant_id = guid(rng)
    envs = [environment(rng, tenant_id, 0, default=True)]
    envs += [environment(rng, tenant_id, i) for i in range(1, args.n)]
    names = [e["name"] for e in envs]

    dataverse = {}
    for env in envs:
        if env["properties"]["linkedEnvironmentMetadata"] is None:
            continue
        if rng.random() < 0.05:
            dataverse[env["name"]] = {"error": {"status": 403, "code": "Forbidden",
                                                "message": "The user is not a member of the organization."}}
        else:
            dataverse[env["name"]] = organization(rng, args.format)

    policies = [policy(rng, "ExceptEnvironments", rng.sample(names[1:], min(5, len(names) - 1)))]
    policies += [policy(rng, "OnlyEnvironments", rng.sample(names, len(names) // 3)) for _ in range(3)]

    admins = {}
    if args.format >= 2:
        for name in dataverse:
            admins[name] = system_administrators(rng)

    snapshot = {
        "posture_snapshot": args.format, "captured_at": "2026-11-28T10:00:00Z", "cloud": "public",
        "tenant": {"id": tenant_id, "display_name": f"Synthetic tenant of {args.n} environments"},
        "sources": {
            "tenant_settings": {
                "walkMeOptOut": False, "disableEnvironmentCreationByNonAdminUsers": True,
                "disablePortalsCreationByNonAdminUsers": False,
                "disableTrialEnvironmentCreationByNonAdminUsers": False,
                "powerPlatform": {"powerApps": {"disableShareWithEveryone": False, "enableGuestsToMake": False},
                                  "governance": {"disableDeveloperEnvironmentCreationByNonAdminUsers": False}}},
            "tenant_isolation": {"properties": {"tenantId": tenant_id, "isDisabled": False,
                                                "allowedTenants": [{"tenantId": guid(rng),
                                                                    "direction": {"inbound": True, "outbound": False}}]}},
            "environments": envs,
            "dlp_policies": policies,
            "dataverse": dataverse,
        },
    }
    if args.format >= 2:
        snapshot["warnings"] = ["Synthetic tenant: no column was dropped"]
        snapshot["sources"]["dataverse_admins"] = admins
        snapshot["sources"]["graph"] = graph(rng)
        snapshot["sources"]["tenant_settings"]["powerPlatform"]["powerApps"][
            "disableConnectionSharingWithEveryone"] = True

    out = open(args.output, "w") if args.output else sys.stdout
    json.dump(snapshot, out, separators=(",", ":"))
    out.write("\n")


if __name__ == "__main__":
    main()
