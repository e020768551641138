// Sinergi on Azure: a Flex Consumption function app running the .NET isolated worker (with the Durable Task
// extension, its task hub in the same storage account), its storage (tables, queues, blobs; no shared keys), a
// managed identity with data-plane roles, Key Vault for the secrets, and Application Insights. `azd up` provisions
// this and deploys the code (azure.yaml).
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Name of the environment (azd): used in resource names and tags.')
param environmentName string

@minLength(1)
@description('Azure region of all resources.')
param location string

@description('Entra ID issuer of the bearer tokens, e.g. https://login.microsoftonline.com/{tenant}/v2.0')
param authAuthority string

@description('Audience (application ID URI) of the bearer tokens.')
param authAudience string

@description('Client ID of the Entra app registration that signs staff in to the pages (App Service Authentication).')
param pagesClientId string

@description('Sender address of the emails.')
param emailFrom string

@secure()
@description('SendGrid API key; kept in Key Vault.')
param sendGridApiKey string

@secure()
@description('Key that signs approval links; kept in Key Vault. Rotate by moving it to the previous key.')
param approvalSigningKey string = '${newGuid()}${newGuid()}'

var tags = { 'azd-env-name': environmentName, application: 'sinergi' }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-sinergi-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: { name: 'id-sinergi-${token}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: { workspaceName: 'log-sinergi-${token}', appInsightsName: 'appi-sinergi-${token}', location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: { name: 'stsinergi${token}', location: location, tags: tags }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: group
  params: {
    name: 'kv-sinergi-${take(token, 12)}'
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
    approvalSigningKey: approvalSigningKey
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: group
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: group
  dependsOn: [roles]
  params: {
    name: 'func-sinergi-${token}'
    planName: 'plan-sinergi-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    sendGridSecretUri: vault.outputs.sendGridSecretUri
    approvalKeySecretUri: vault.outputs.approvalKeySecretUri
    authAuthority: authAuthority
    authAudience: authAudience
    emailFrom: emailFrom
    pagesClientId: pagesClientId
    tenantId: subscription().tenantId
  }
}

output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SINERGI_URL string = functionApp.outputs.url
