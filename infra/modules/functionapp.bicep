// The function app on a Flex Consumption plan, running Sinergi in the .NET isolated worker. The host's own storage
// (AzureWebJobsStorage: triggers, the Durable Task hub) and Sinergi's data both use the managed identity; secrets are
// Key Vault references.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param appInsightsConnectionString string
param sendGridSecretUri string
param approvalKeySecretUri string
param authAuthority string
param authAudience string
param emailFrom string
param pagesClientId string
param tenantId string

var storageSuffix = environment().suffixes.storage

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'sinergi' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${storageSuffix}/${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

// Settings in their own resource, so the public URL can come from the app's own host name.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    AZURE_CLIENT_ID: identityClientId
    AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
    // The site's root is the app's (it leads to the pages), not the host's welcome page.
    AzureWebJobsDisableHomepage: 'true'
    Storage__TableServiceUri: 'https://${storageAccountName}.table.${storageSuffix}'
    Storage__BlobServiceUri: 'https://${storageAccountName}.blob.${storageSuffix}'
    Storage__QueueServiceUri: 'https://${storageAccountName}.queue.${storageSuffix}'
    Auth__Authority: authAuthority
    Auth__Audience: authAudience
    Email__Transport: 'SendGrid'
    Email__From: emailFrom
    SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})'
    Approvals__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
    Approvals__SigningKey: '@Microsoft.KeyVault(SecretUri=${approvalKeySecretUri})'
    Auth__AppServiceAuthentication: 'true'
  }
}

// App Service Authentication signs staff in to the pages with Entra ID. Unauthenticated requests still reach the app:
// the API checks its own bearer tokens and officials use their signed approval links without an account.
resource authentication 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: { requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous' }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: pagesClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        validation: { allowedAudiences: [pagesClientId] }
      }
    }
    login: { tokenStore: { enabled: false } }
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
