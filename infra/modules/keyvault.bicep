// Secrets the app reads through Key Vault references: the SendGrid key and the approval-link signing key.
param name string
param location string
param tags object

@secure()
param sendGridApiKey string

@secure()
param approvalSigningKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: { value: sendGridApiKey }
}

resource approvalKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'approval-signing-key'
  properties: { value: approvalSigningKey }
}

output name string = vault.name
output sendGridSecretUri string = sendGrid.properties.secretUri
output approvalKeySecretUri string = approvalKey.properties.secretUri
