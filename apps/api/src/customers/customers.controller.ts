import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestContext } from '../auth/request-context';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { CustomerCreditDto } from './customer-credit.response';
import { CustomerCreditService, type CustomerCreditView } from './customer-credit.service';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, CustomerReasonDto, ListCustomersQueryDto, UpdateCustomerDto } from './dto/customer-requests.dto';
import { CustomerDetailDto, CustomerPageDto, CustomerRecordDto } from './dto/customer.response';

const customerId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('Pelanggan tidak ditemukan.') });

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly credit: CustomerCreditService,
  ) {}

  @Get()
  @RequirePermissions('customer.read')
  @ApiOperation({ summary: 'List customers (q: name, phone, PPPoE username, customer number; filters status, packageId, tenantId; paged, sorted)' })
  @ApiOkResponse({ type: CustomerPageDto })
  list(@Query() query: ListCustomersQueryDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.customers.list(requestContext(user, request), query);
  }

  @Post()
  @RequirePermissions('customer.create')
  @ApiOperation({ summary: 'Create a customer (phone normalised to 62…, NIK encrypted at rest and answered masked)' })
  @ApiCreatedResponse({ type: CustomerRecordDto })
  @ApiConflictResponse({ description: 'The customer number is taken in the tenant' })
  create(@Body() body: CreateCustomerDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.customers.create(requestContext(user, request), body);
  }

  @Get(':id')
  @RequirePermissions('customer.read')
  @ApiOperation({ summary: 'A customer with its subscriptions, invoices, payments, messages and network actions' })
  @ApiOkResponse({ type: CustomerDetailDto })
  get(@Param('id', customerId) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.customers.get(requestContext(user, request), id);
  }

  @Patch(':id')
  @RequirePermissions('customer.update_contact')
  @ApiOperation({ summary: 'Edit a customer: customer.update_contact alone allows phone, email and consents; the rest needs customer.update' })
  @ApiOkResponse({ type: CustomerRecordDto })
  update(@Param('id', customerId) id: string, @Body() body: UpdateCustomerDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.customers.update(requestContext(user, request), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('customer.delete')
  @ApiOperation({ summary: 'Delete a customer without subscriptions, invoices or payments (reason required)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'It has history: deactivate it instead (reason in Indonesian)' })
  remove(@Param('id', customerId) id: string, @Body() body: CustomerReasonDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.customers.remove(requestContext(user, request), id, body.reason);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermissions('customer.update')
  @ApiOperation({ summary: 'Deactivate a customer (kept with its history); its subscriptions must be cancelled first' })
  @ApiOkResponse({ type: CustomerRecordDto })
  @ApiConflictResponse({ description: 'Already inactive, or subscriptions still running' })
  deactivate(@Param('id', customerId) id: string, @Body() body: CustomerReasonDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.customers.setActive(requestContext(user, request), id, false, body.reason);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermissions('customer.update')
  @ApiOperation({ summary: 'Activate a deactivated customer again' })
  @ApiOkResponse({ type: CustomerRecordDto })
  @ApiConflictResponse({ description: 'Already active' })
  activate(@Param('id', customerId) id: string, @Body() body: CustomerReasonDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.customers.setActive(requestContext(user, request), id, true, body.reason);
  }

  @Get(':id/credit')
  @RequirePermissions('customer.read')
  @ApiOperation({ summary: "The customer's credit: balance, by subscription, allocations between subscriptions, credit notes" })
  @ApiOkResponse({ type: CustomerCreditDto })
  getCredit(@Param('id', customerId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<CustomerCreditView> {
    return this.credit.get(user, id);
  }
}
