import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { CustomerCreditDto } from './customer-credit.response';
import { CustomerCreditService, type CustomerCreditView } from './customer-credit.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly credit: CustomerCreditService) {}

  @Get(':id/credit')
  @RequirePermissions('customer.read')
  @ApiOperation({ summary: "The customer's credit: balance, by subscription, allocations between subscriptions, credit notes" })
  @ApiOkResponse({ type: CustomerCreditDto })
  getCredit(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('Pelanggan tidak ditemukan.') })) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CustomerCreditView> {
    return this.credit.get(user, id);
  }
}
